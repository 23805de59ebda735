package nl.publicaties.contracts.catalog;

/** A withdrawn document is public again (its download link works again), at {@code position}. */
public record DocumentRestored(String documentId, String editionId, String seriesId, int position) {

    public static final String TYPE = "DocumentRestored";
    public static final int REVISION = 1;
}
