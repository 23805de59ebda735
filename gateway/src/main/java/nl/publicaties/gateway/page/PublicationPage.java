package nl.publicaties.gateway.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import nl.publicaties.contracts.catalog.TextSection;

/**
 * A series page as the public sees it: the catalog's structure merged with the download counts. Rendered as
 * HTML and served as JSON at {@code /api/pages/{slug}}.
 *
 * @param countsAvailable false when the stats service did not answer in time; every {@code counts} is null then
 * @param policyVersion   counting policy behind the figures, null when unavailable
 * @param asOf            ISO-8601 instant of the newest counted download, null if none or unavailable
 * @param asOfText        the same instant in Dutch for the page ("28 november 2026 om 05:10")
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PublicationPage(
        String seriesId,
        String slug,
        String title,
        @Nullable String introduction,
        List<TextSection> sections,
        List<Edition> editions,
        boolean countsAvailable,
        @Nullable String policyVersion,
        @Nullable String asOf,
        @Nullable String asOfText) {

    /** The newest edition, shown first; null for a series without published editions. */
    public Edition currentEdition() {
        return editions.isEmpty() ? null : editions.get(0);
    }

    /** Everything under "Eerdere onderzoeken". */
    public List<Edition> earlierEditions() {
        return editions.size() <= 1 ? List.of() : editions.subList(1, editions.size());
    }

    /**
     * @param documents         the edition's national documents, in catalog order
     * @param regionalDocuments documents for one province each ("Factsheets per provincie"), in catalog order
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Edition(
            String editionId,
            String label,
            int year,
            @Nullable String publishedOn,
            @Nullable String introduction,
            @Nullable String regionalIntroduction,
            List<Document> documents,
            List<Document> regionalDocuments) {
    }

    /**
     * @param format         short format label, e.g. "PDF"
     * @param size           formatted size, e.g. "1,0 MB"
     * @param formatAndSize  "PDF - 1,0 MB" (with an en dash) as printed under the title
     * @param accessibleName link text for assistive technology: "title (PDF, 1,0 MB)"
     * @param counts         null when counts are unavailable
     * @param downloadsText  "366 downloads", null when counts are unavailable
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Document(
            String documentId,
            String title,
            String kind,
            @Nullable String audience,
            @Nullable String regionCode,
            @Nullable String regionName,
            String fileName,
            String mediaType,
            long sizeBytes,
            String format,
            String size,
            String formatAndSize,
            String accessibleName,
            String downloadUrl,
            @Nullable Counts counts,
            @Nullable String downloadsText) {
    }

    /** Downloads of one document: the imported baseline plus what this system counted. */
    @Serdeable
    public record Counts(long baseline, long counted, long total) {
    }
}
