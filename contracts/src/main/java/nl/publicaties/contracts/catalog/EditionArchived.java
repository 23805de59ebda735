package nl.publicaties.contracts.catalog;

/** A published edition is superseded; its documents stay downloadable. */
public record EditionArchived(String editionId, String seriesId) {

    public static final String TYPE = "EditionArchived";
    public static final int REVISION = 1;
}
