package nl.publicaties.download.catalog.query;

/** The answer of {@link DocumentView#find}: a servable file, a withdrawn document, or nothing public. */
public sealed interface DocumentLookup {

    record Servable(DocumentFile file) implements DocumentLookup {
    }

    record Withdrawn(String documentId) implements DocumentLookup {
    }

    record Unknown(String documentId) implements DocumentLookup {
    }
}
