package nl.publicaties.catalog.series.event;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A series exists with its public page at {@code /slug}. */
@Revision("1")
public record SeriesRegistered(
        String seriesId,
        String slug,
        String title,
        String introduction,
        List<Section> sections,
        String commissionedBy,
        String researchedBy) {

    public SeriesRegistered {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** A titled block of prose on the series page. */
    public record Section(String title, String body) {
    }
}
