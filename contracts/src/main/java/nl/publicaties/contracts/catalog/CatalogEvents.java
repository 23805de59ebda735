package nl.publicaties.contracts.catalog;

import java.util.Map;

/** The integration events on {@code catalog.events}, by their stable name (the {@code event-type} header). */
public final class CatalogEvents {

    public static final Map<String, Class<? extends Record>> BY_TYPE = Map.of(
            SeriesRegistered.TYPE, SeriesRegistered.class,
            EditionCreated.TYPE, EditionCreated.class,
            EditionPublished.TYPE, EditionPublished.class,
            DocumentAdded.TYPE, DocumentAdded.class,
            DocumentWithdrawn.TYPE, DocumentWithdrawn.class,
            DocumentRestored.TYPE, DocumentRestored.class,
            DocumentRetitled.TYPE, DocumentRetitled.class,
            DocumentFileReplaced.TYPE, DocumentFileReplaced.class,
            DocumentsReordered.TYPE, DocumentsReordered.class,
            EditionArchived.TYPE, EditionArchived.class);

    private CatalogEvents() {
    }
}
