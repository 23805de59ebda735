package nl.publicaties.download.catalog.query;

import java.time.Instant;

/**
 * What this service needs to serve one document's file.
 *
 * @param lastModified when the catalog added the document (the Kafka record time of {@code DocumentAdded}); the
 *                     same on every instance because it comes from the log, not from the local disk
 */
public record DocumentFile(
        String documentId,
        String editionId,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        Instant lastModified) {
}
