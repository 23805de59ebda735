package nl.publicaties.download.catalog.query;

import java.time.Instant;

/**
 * What this service needs to serve one document's file.
 *
 * @param lastModified when the catalog added the document or last replaced its file (the Kafka record time of
 *                     {@code DocumentAdded} / {@code DocumentFileReplaced}); the same on every instance because it
 *                     comes from the log, not from the local disk
 * @param lastModifiedStrong false when the file replaced another within the same second: its Last-Modified (whole
 *                     seconds) then also names the bytes before it, so it cannot validate an If-Range (RFC 9110
 *                     §8.8.2.2, §13.1.5)
 * @param fileRevision 1 for the file the document was added with, then {@code DocumentFileReplaced.fileRevision}:
 *                     the highest one read is the file served, whatever order the events arrive in
 */
public record DocumentFile(
        String documentId,
        String editionId,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        Instant lastModified,
        boolean lastModifiedStrong,
        int fileRevision) {
}
