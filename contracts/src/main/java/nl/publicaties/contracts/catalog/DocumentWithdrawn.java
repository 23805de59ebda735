package nl.publicaties.contracts.catalog;

/** A document is no longer public; its download link answers 410 Gone. */
public record DocumentWithdrawn(String documentId, String editionId, String reason) {

    public static final String TYPE = "DocumentWithdrawn";
    public static final int REVISION = 1;
}
