package nl.publicaties.catalog.page.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentFileReplaced;
import nl.publicaties.catalog.edition.event.DocumentRestored;
import nl.publicaties.catalog.edition.event.DocumentRetitled;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.DocumentsReordered;
import nl.publicaties.catalog.edition.event.EditionArchived;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import nl.publicaties.catalog.series.query.SeriesViews;
import nl.publicaties.contracts.pages.SeriesPage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/**
 * The public page as it stood at an instant, for audits and Woo requests: the series' and its editions'
 * events up to that instant, folded exactly as {@link SeriesPageProjection} folds them into the tables
 * (the same row classes and the same assembly), but in memory and from the event store only.
 */
@Service
public class AsOfPages {

    private final EventStore eventStore;
    private final SeriesViews seriesViews;
    private final SeriesPages pages;

    public AsOfPages(EventStore eventStore, SeriesViews seriesViews, SeriesPages pages) {
        this.eventStore = eventStore;
        this.seriesViews = seriesViews;
        this.pages = pages;
    }

    /** Empty when the series did not exist yet at {@code asOf}. */
    public Optional<SeriesPage> bySlug(String slug, Instant asOf) {
        Optional<String> seriesId = seriesViews.seriesIdBySlug(slug);
        if (seriesId.isEmpty()) {
            return Optional.empty();
        }
        SeriesRow series = null;
        for (DomainEventMessage<?> event : upTo(seriesId.get(), asOf)) {
            if (event.getPayload() instanceof SeriesRegistered e) {
                series = new SeriesRow(e.seriesId(), e.slug(), e.title(), e.introduction(), e.sections().stream()
                        .map(s -> new SeriesRow.Section(s.title(), s.body())).toList());
            }
        }
        if (series == null) {
            return Optional.empty();
        }
        List<EditionRow> editions = new ArrayList<>();
        List<DocumentRow> documents = new ArrayList<>();
        for (String editionId : seriesViews.editionIdsOf(seriesId.get())) {
            fold(upTo(editionId, asOf), editions, documents);
        }
        List<EditionRow> shown = editions.stream()
                .filter(EditionRow::published)
                .filter(e -> pages.listArchived() || !e.archived())
                .toList();
        return Optional.of(SeriesPages.assemble(series, shown, documents));
    }

    private List<? extends DomainEventMessage<?>> upTo(String aggregateId, Instant asOf) {
        return eventStore.readEvents(aggregateId, 0).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .toList();
    }

    static void fold(List<? extends DomainEventMessage<?>> events, List<EditionRow> editions,
                     List<DocumentRow> documents) {
        EditionRow edition = null;
        Map<String, DocumentRow> byId = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof EditionCreated e) {
                edition = new EditionRow(e.editionId(), e.seriesId(), e.label(), e.year(), e.introduction(),
                        e.regionalIntroduction());
            } else if (edition == null) {
                return;
            } else if (payload instanceof EditionPublished e) {
                edition.publish(e.publishedOn());
            } else if (payload instanceof EditionArchived) {
                edition.archive();
            } else if (payload instanceof DocumentAdded e) {
                byId.put(e.documentId(), new DocumentRow(e.documentId(), e.editionId(), e.title(), e.kind(),
                        e.audience(), e.regionCode(), e.regionName(), e.language(), e.position(), e.fileName(),
                        e.mediaType(), e.sizeBytes(), e.sha256()));
            } else if (payload instanceof DocumentWithdrawn e) {
                byId.get(e.documentId()).withdraw();
            } else if (payload instanceof DocumentRestored e) {
                byId.get(e.documentId()).restore(e.position());
            } else if (payload instanceof DocumentRetitled e) {
                byId.get(e.documentId()).retitle(e.title());
            } else if (payload instanceof DocumentFileReplaced e) {
                byId.get(e.documentId()).replaceFile(e.mediaType(), e.sizeBytes(), e.sha256());
            } else if (payload instanceof DocumentsReordered e) {
                for (int i = 0; i < e.documentIds().size(); i++) {
                    DocumentRow document = byId.get(e.documentIds().get(i));
                    if (document != null) {
                        document.moveTo(i + 1);
                    }
                }
            }
        }
        if (edition != null) {
            editions.add(edition);
            documents.addAll(byId.values());
        }
    }
}
