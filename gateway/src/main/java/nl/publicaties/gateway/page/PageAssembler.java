package nl.publicaties.gateway.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.pages.SeriesPage;

/**
 * Merges the catalog's page structure with the download counts into what a visitor sees. Pure: no I/O, no
 * framework, so every rule of the page is testable on recorded answers.
 */
public final class PageAssembler {

    private final String downloadLinkBase;

    /**
     * @param downloadLinkBase prefix of every download link: "" keeps links on the gateway's own origin, a
     *                         URL such as {@code https://downloads.example.nl} points them at a separate host
     */
    public PageAssembler(String downloadLinkBase) {
        this.downloadLinkBase = downloadLinkBase == null ? "" : stripTrailingSlash(downloadLinkBase);
    }

    /** @param counts empty when the stats service could not answer: the page shows no figures then */
    public PublicationPage assemble(SeriesPage series, Optional<DocumentCounts> counts) {
        Map<String, DocumentCounts.Entry> byId = new HashMap<>();
        counts.ifPresent(c -> nullSafe(c.documents()).forEach(e -> byId.put(e.documentId(), e)));
        boolean countsAvailable = counts.isPresent();

        List<SeriesPage.EditionEntry> editions = new ArrayList<>(nullSafe(series.editions()));
        // The catalog already answers newest first; sorting again keeps the page right if it ever does not.
        editions.sort(Comparator.comparingInt(SeriesPage.EditionEntry::year).reversed());

        List<PublicationPage.Edition> assembled = new ArrayList<>();
        for (SeriesPage.EditionEntry edition : editions) {
            List<PublicationPage.Document> national = new ArrayList<>();
            List<PublicationPage.Document> regional = new ArrayList<>();
            for (SeriesPage.DocumentEntry document : nullSafe(edition.documents())) {
                PublicationPage.Document view = document(document, countsAvailable, byId.get(document.documentId()));
                (isRegional(document) ? regional : national).add(view);
            }
            assembled.add(new PublicationPage.Edition(edition.editionId(), edition.label(), edition.year(),
                    edition.publishedOn(), edition.introduction(), edition.regionalIntroduction(),
                    List.copyOf(national), List.copyOf(regional)));
        }

        String asOf = counts.map(DocumentCounts::asOf).map(Object::toString).orElse(null);
        String asOfText = counts.map(DocumentCounts::asOf).map(DutchNotation::dateTime).orElse(null);
        return new PublicationPage(series.seriesId(), series.slug(), series.title(), series.introduction(),
                List.copyOf(nullSafe(series.sections())), List.copyOf(assembled), countsAvailable,
                counts.map(DocumentCounts::policyVersion).orElse(null), asOf, asOfText);
    }

    /** All document ids of a page, for the one batch call to the stats service. */
    public static List<String> documentIds(SeriesPage series) {
        List<String> ids = new ArrayList<>();
        nullSafe(series.editions()).forEach(e -> nullSafe(e.documents()).forEach(d -> ids.add(d.documentId())));
        return ids;
    }

    private PublicationPage.Document document(SeriesPage.DocumentEntry d, boolean countsAvailable,
                                              DocumentCounts.Entry entry) {
        String format = DutchNotation.formatLabel(d.mediaType(), d.fileName());
        String size = DutchNotation.fileSize(d.sizeBytes());
        PublicationPage.Counts counts = null;
        if (countsAvailable) {
            // The stats service answers zeros for a document it never saw; a missing entry means the same.
            counts = entry == null
                    ? new PublicationPage.Counts(0, 0, 0)
                    : new PublicationPage.Counts(entry.baseline(), entry.counted(), entry.total());
        }
        return new PublicationPage.Document(d.documentId(), d.title(), d.kind(), d.audience(), d.regionCode(),
                d.regionName(), d.fileName(), d.mediaType(), d.sizeBytes(), format, size,
                format + " – " + size,
                d.title() + " (" + format + ", " + size + ")",
                downloadLinkBase + d.downloadPath(),
                counts,
                counts == null ? null : DutchNotation.downloads(counts.total()));
    }

    private static boolean isRegional(SeriesPage.DocumentEntry document) {
        return document.regionCode() != null && !document.regionCode().isBlank();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String stripTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
