package nl.publicaties.contracts.catalog;

import java.util.List;

/** A series (e.g. "Monitor integriteit en veiligheid") exists with its public page at {@code /slug}. */
public record SeriesRegistered(
        String seriesId,
        String slug,
        String title,
        String introduction,
        List<TextSection> sections,
        String commissionedBy,
        String researchedBy) {

    public static final String TYPE = "SeriesRegistered";
    public static final int REVISION = 1;
}
