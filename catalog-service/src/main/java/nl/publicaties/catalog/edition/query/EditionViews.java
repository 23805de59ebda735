package nl.publicaties.catalog.edition.query;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * Reads an edition straight from its event stream, so the admin API always shows the state a command will
 * be decided on (the page read model may lag) together with the version to send back in {@code If-Match}.
 */
@Service
public class EditionViews {

    private final EventStore eventStore;

    public EditionViews(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<EditionView> find(String editionId) {
        if (editionId == null || editionId.isBlank()) {
            return Optional.empty();
        }
        // from sequence 0: the full stream, never a snapshot
        return fold(eventStore.readEvents(editionId, 0).asStream().toList());
    }

    /** Folds an edition's events, in stream order; empty when they are not an edition's. */
    public static Optional<EditionView> fold(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof EditionCreated created)) {
            return Optional.empty();
        }
        Fold fold = new Fold(created);
        events.forEach(event -> fold.apply(event.getPayload(), event.getSequenceNumber()));
        return Optional.of(fold.view());
    }

    private static final class Fold {
        private final EditionCreated created;
        private final Map<String, Document> documents = new LinkedHashMap<>();
        private boolean published;
        private LocalDate publishedOn;
        private boolean archived;
        private long version;

        Fold(EditionCreated created) {
            this.created = created;
        }

        void apply(Object payload, long sequenceNumber) {
            version = sequenceNumber;
            if (payload instanceof DocumentAdded e) {
                documents.put(e.documentId(), new Document(e));
            } else if (payload instanceof EditionPublished e) {
                published = true;
                publishedOn = e.publishedOn();
            } else if (payload instanceof EditionArchived) {
                archived = true;
            } else if (payload instanceof DocumentWithdrawn e) {
                document(e.documentId()).withdrawn = true;
            } else if (payload instanceof DocumentRestored e) {
                Document d = document(e.documentId());
                d.withdrawn = false;
                d.position = e.position();
            } else if (payload instanceof DocumentRetitled e) {
                document(e.documentId()).title = e.title();
            } else if (payload instanceof DocumentFileReplaced e) {
                Document d = document(e.documentId());
                d.mediaType = e.mediaType();
                d.sizeBytes = e.sizeBytes();
                d.sha256 = e.sha256();
                d.fileRevision = e.fileRevision();
            } else if (payload instanceof DocumentsReordered e) {
                for (int i = 0; i < e.documentIds().size(); i++) {
                    document(e.documentIds().get(i)).position = i + 1;
                }
            }
        }

        private Document document(String documentId) {
            Document document = documents.get(documentId);
            if (document == null) {
                throw new IllegalStateException("event for unknown document " + documentId + " in edition "
                        + created.editionId());
            }
            return document;
        }

        EditionView view() {
            List<EditionView.DocumentView> list = new ArrayList<>();
            documents.values().stream()
                    .sorted(Comparator.comparing((Document d) -> d.withdrawn).thenComparingInt(d -> d.position))
                    .forEach(d -> list.add(new EditionView.DocumentView(d.added.documentId(), d.title,
                            d.added.kind(), d.added.audience(), d.added.regionCode(), d.added.regionName(),
                            d.added.language(), d.position, d.added.fileName(), d.mediaType, d.sizeBytes, d.sha256,
                            d.fileRevision, d.withdrawn,
                            "/documents/" + d.added.documentId() + "/"
                                    + UriUtils.encodePathSegment(d.added.fileName(), StandardCharsets.UTF_8))));
            return new EditionView(created.editionId(), created.seriesId(), created.label(), created.year(),
                    created.introduction(), created.regionalIntroduction(), created.publicationDate(), published,
                    publishedOn, archived,
                    version, List.copyOf(list));
        }
    }

    private static final class Document {
        private final DocumentAdded added;
        private String title;
        private int position;
        private String mediaType;
        private long sizeBytes;
        private String sha256;
        private int fileRevision = 1;
        private boolean withdrawn;

        Document(DocumentAdded added) {
            this.added = added;
            this.title = added.title();
            this.position = added.position();
            this.mediaType = added.mediaType();
            this.sizeBytes = added.sizeBytes();
            this.sha256 = added.sha256();
        }
    }
}
