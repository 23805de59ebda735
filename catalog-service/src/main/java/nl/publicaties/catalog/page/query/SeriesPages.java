package nl.publicaties.catalog.page.query;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.publicaties.contracts.catalog.TextSection;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/** Answers the page questions from the read model. */
@Service
@Transactional(readOnly = true)
public class SeriesPages {

    private final SeriesRows series;
    private final EditionRows editions;
    private final DocumentRows documents;

    private final boolean listArchived;

    public SeriesPages(SeriesRows series, EditionRows editions, DocumentRows documents,
                       @Value("${catalog.page.archived-editions:hide}") ArchivedEditions archivedEditions) {
        this.series = series;
        this.editions = editions;
        this.documents = documents;
        this.listArchived = archivedEditions == ArchivedEditions.LIST;
    }

    /** What the public page does with an archived edition: leave it out, or list it after the current ones. */
    public enum ArchivedEditions {
        HIDE,
        LIST
    }

    boolean listArchived() {
        return listArchived;
    }

    public List<SeriesSummary> all() {
        return series.findAllByOrderByTitleAsc().stream()
                .map(s -> new SeriesSummary(s.seriesId(), s.slug(), s.title()))
                .toList();
    }

    public Optional<SeriesPage> bySlug(String slug) {
        return series.findBySlug(slug).map(s -> {
            List<EditionRow> published = editions.findBySeriesIdAndPublishedTrue(s.seriesId()).stream()
                    .filter(e -> listArchived || !e.archived())
                    .toList();
            List<DocumentRow> visible = published.isEmpty() ? List.of()
                    : documents.findByEditionIdInAndWithdrawnFalse(
                            published.stream().map(EditionRow::editionId).toList());
            return assemble(s, published, visible);
        });
    }

    /** Builds the page: newest year first (archived editions after the others), documents by position. Pure, so it is tested without a database. */
    static SeriesPage assemble(SeriesRow series, List<EditionRow> publishedEditions, List<DocumentRow> documents) {
        Map<String, List<DocumentRow>> byEdition = documents.stream()
                .filter(d -> !d.withdrawn())
                .collect(Collectors.groupingBy(DocumentRow::editionId));
        List<SeriesPage.EditionEntry> editionEntries = publishedEditions.stream()
                .filter(EditionRow::published)
                .sorted(Comparator.comparing(EditionRow::archived)
                        .thenComparing(Comparator.comparingInt(EditionRow::year).reversed())
                        .thenComparing(EditionRow::label))
                .map(e -> new SeriesPage.EditionEntry(e.editionId(), e.label(), e.year(),
                        e.publishedOn() == null ? null : e.publishedOn().toString(),
                        e.introduction(), e.regionalIntroduction(),
                        byEdition.getOrDefault(e.editionId(), List.of()).stream()
                                .sorted(Comparator.comparingInt(DocumentRow::position))
                                .map(SeriesPages::entry)
                                .toList()))
                .toList();
        List<TextSection> sections = series.sections().stream()
                .map(s -> new TextSection(s.title(), s.body()))
                .toList();
        return new SeriesPage(series.seriesId(), series.slug(), series.title(), series.introduction(), sections,
                editionEntries);
    }

    private static SeriesPage.DocumentEntry entry(DocumentRow d) {
        return new SeriesPage.DocumentEntry(d.documentId(), d.title(), d.kind(), d.audience(), d.regionCode(),
                d.regionName(), d.fileName(), d.mediaType(), d.sizeBytes(), d.sha256(),
                "/documents/" + d.documentId() + "/" + UriUtils.encodePathSegment(d.fileName(), StandardCharsets.UTF_8));
    }
}
