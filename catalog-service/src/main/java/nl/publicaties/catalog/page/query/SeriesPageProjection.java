package nl.publicaties.catalog.page.query;

import java.util.Map;
import java.util.stream.Collectors;
import nl.publicaties.catalog.config.AxonConfig;
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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the page tables in step with the event store. It is a streaming processor with its own token in
 * the same database, so rows and token commit together; resetting the processor rebuilds the tables.
 */
@Component
@ProcessingGroup(AxonConfig.SERIES_PAGE)
public class SeriesPageProjection {

    private final SeriesRows series;
    private final EditionRows editions;
    private final DocumentRows documents;

    public SeriesPageProjection(SeriesRows series, EditionRows editions, DocumentRows documents) {
        this.series = series;
        this.editions = editions;
        this.documents = documents;
    }

    @EventHandler
    void on(SeriesRegistered event) {
        series.save(new SeriesRow(event.seriesId(), event.slug(), event.title(), event.introduction(),
                event.sections().stream().map(s -> new SeriesRow.Section(s.title(), s.body())).toList()));
    }

    @EventHandler
    void on(EditionCreated event) {
        editions.save(new EditionRow(event.editionId(), event.seriesId(), event.label(), event.year(),
                event.introduction(), event.regionalIntroduction()));
    }

    @EventHandler
    void on(DocumentAdded event) {
        documents.save(new DocumentRow(event.documentId(), event.editionId(), event.title(), event.kind(),
                event.audience(), event.regionCode(), event.regionName(), event.language(), event.position(),
                event.fileName(), event.mediaType(), event.sizeBytes(), event.sha256()));
    }

    @EventHandler
    void on(EditionPublished event) {
        editions.findById(event.editionId()).ifPresent(edition -> {
            edition.publish(event.publishedOn());
            editions.save(edition);
        });
    }

    @EventHandler
    void on(DocumentWithdrawn event) {
        documents.findById(event.documentId()).ifPresent(document -> {
            document.withdraw();
            documents.save(document);
        });
    }

    @EventHandler
    void on(EditionArchived event) {
        editions.findById(event.editionId()).ifPresent(edition -> {
            edition.archive();
            editions.save(edition);
        });
    }

    @EventHandler
    void on(DocumentRestored event) {
        documents.findById(event.documentId()).ifPresent(document -> {
            document.restore(event.position());
            documents.save(document);
        });
    }

    @EventHandler
    void on(DocumentRetitled event) {
        documents.findById(event.documentId()).ifPresent(document -> {
            document.retitle(event.title());
            documents.save(document);
        });
    }

    @EventHandler
    void on(DocumentFileReplaced event) {
        documents.findById(event.documentId()).ifPresent(document -> {
            document.replaceFile(event.mediaType(), event.sizeBytes(), event.sha256());
            documents.save(document);
        });
    }

    @EventHandler
    void on(DocumentsReordered event) {
        Map<String, DocumentRow> byId = documents.findByEditionId(event.editionId()).stream()
                .collect(Collectors.toMap(DocumentRow::documentId, d -> d));
        for (int i = 0; i < event.documentIds().size(); i++) {
            DocumentRow document = byId.get(event.documentIds().get(i));
            if (document != null) {
                document.moveTo(i + 1);
            }
        }
        documents.saveAll(byId.values());
    }

    @ResetHandler
    void reset() {
        documents.deleteAllInBatch();
        editions.deleteAllInBatch();
        series.deleteAll();
    }
}
