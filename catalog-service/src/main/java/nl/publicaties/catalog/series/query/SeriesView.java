package nl.publicaties.catalog.series.query;

import java.util.List;
import nl.publicaties.catalog.series.event.SeriesRegistered;

/** A series as editors see it, with the ids of all its editions (drafts too) in order of creation. */
public record SeriesView(
        String seriesId,
        String slug,
        String title,
        String introduction,
        List<SeriesRegistered.Section> sections,
        String commissionedBy,
        String researchedBy,
        long version,
        List<String> editionIds) {
}
