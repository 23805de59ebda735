package nl.publicaties.contracts.catalog;

/** A document has a new title; its file and download path are unchanged. */
public record DocumentRetitled(String documentId, String editionId, String title) {

    public static final String TYPE = "DocumentRetitled";
    public static final int REVISION = 1;
}
