package nl.publicaties.contracts.catalog;

/** A draft edition exists in a series; it is not public until {@link EditionPublished}. */
public record EditionCreated(
        String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction) {

    public static final String TYPE = "EditionCreated";
    public static final int REVISION = 1;
}
