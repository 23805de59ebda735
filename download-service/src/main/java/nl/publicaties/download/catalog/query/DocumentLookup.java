package nl.publicaties.download.catalog.query;

/**
 * The answer of {@link DocumentView#find}: a servable file, a withdrawn document, nothing public, or — while the
 * view is still being rebuilt after a start — not known yet.
 */
public sealed interface DocumentLookup {

    record Servable(DocumentFile file) implements DocumentLookup {
    }

    record Withdrawn(String documentId) implements DocumentLookup {
    }

    record Unknown(String documentId) implements DocumentLookup {
    }

    /** Not in the view, which has not yet read what {@code catalog.events} held at start: it may still come. */
    record NotYetKnown(String documentId) implements DocumentLookup {
    }
}
