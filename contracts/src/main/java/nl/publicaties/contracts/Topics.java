package nl.publicaties.contracts;

/** Kafka topic names. Each topic has exactly one writer. */
public final class Topics {

    /** Written by catalog-service; key = edition id (series id for series events). */
    public static final String CATALOG_EVENTS = "catalog.events";

    /** Written by download-service; key = document id. */
    public static final String DOWNLOADS_REQUESTED = "downloads.requested";

    private Topics() {
    }
}
