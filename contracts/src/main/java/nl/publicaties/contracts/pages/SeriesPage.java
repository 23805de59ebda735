package nl.publicaties.contracts.pages;

import java.util.List;
import nl.publicaties.contracts.catalog.TextSection;

/**
 * The public structure of a series page, as catalog-service serves it at {@code GET /api/series/{slug}}
 * and the gateway reads it. Editions are newest first; only published editions and documents that are
 * not withdrawn appear.
 */
public record SeriesPage(
        String seriesId,
        String slug,
        String title,
        String introduction,
        List<TextSection> sections,
        List<EditionEntry> editions) {

    public record EditionEntry(
            String editionId,
            String label,
            int year,
            String publishedOn,
            String introduction,
            String regionalIntroduction,
            List<DocumentEntry> documents) {
    }

    /**
     * @param downloadPath path of the file on the public origin, {@code /documents/{documentId}/{fileName}} with the
     *                     file name percent-encoded as a path segment
     */
    public record DocumentEntry(
            String documentId,
            String title,
            String kind,
            String audience,
            String regionCode,
            String regionName,
            String fileName,
            String mediaType,
            long sizeBytes,
            String sha256,
            String downloadPath) {
    }
}
