package nl.publicaties.catalog.edition.query;

import java.time.LocalDate;
import java.util.List;

/**
 * An edition as editors see it, drafts and withdrawn documents included. {@code version} is the
 * aggregate's sequence number: the admin API's ETag and the value {@code If-Match} must carry.
 * {@code publicationDate} is the planned date, {@code publishedOn} the date it was published with.
 */
public record EditionView(
        String editionId,
        String seriesId,
        String label,
        int year,
        String introduction,
        String regionalIntroduction,
        LocalDate publicationDate,
        boolean published,
        LocalDate publishedOn,
        boolean archived,
        long version,
        List<DocumentView> documents) {

    /** {@code fileRevision}: 1 for the file the document was added with, +1 per replacement. */
    public record DocumentView(
            String documentId,
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
            String sha256,
            int fileRevision,
            boolean withdrawn,
            String downloadPath) {
    }
}
