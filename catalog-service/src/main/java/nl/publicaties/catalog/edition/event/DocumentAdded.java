package nl.publicaties.catalog.edition.event;

import org.axonframework.serialization.Revision;

/** A document, with its stored file, belongs to an edition at {@code position} (from 1). */
@Revision("1")
public record DocumentAdded(
        String documentId,
        String editionId,
        String seriesId,
        String title,
        String kind,
        String audience,
        String regionCode,
        String regionName,
        String language,
        int position,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256) {
}
