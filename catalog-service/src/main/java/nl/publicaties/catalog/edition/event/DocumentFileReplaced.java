package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/**
 * A document has a new file: {@code fileRevision} counts its files (the first, added with the document, is
 * 1). The previous blob stays in the blob store for audit; the file name and download path do not change.
 */
@Revision("1")
public record DocumentFileReplaced(
        String documentId,
        String editionId,
        String seriesId,
        int fileRevision,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        String previousSha256) {
}
