package nl.publicaties.download.catalog.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.DocumentRestored;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;

import org.springframework.stereotype.Component;

/**
 * In-memory view of which document maps to which file, rebuilt from {@code catalog.events} at every start.
 * State is kept as sets rather than as a sequence of transitions, so applying an event twice, or events of
 * different editions in any interleaving across partitions, gives the same view.
 */
@Component
public class DocumentView {

    private final Map<String, DocumentFile> documents = new ConcurrentHashMap<>();
    private final Set<String> publishedEditions = ConcurrentHashMap.newKeySet();
    private final Set<String> withdrawnDocuments = ConcurrentHashMap.newKeySet();
    /**
     * Holds everything {@code catalog.events} held at start (set once by the reader). Until then an answer may
     * still change — a document read as servable may be withdrawn a few events on — so nothing is served.
     */
    private volatile boolean complete;

    public void apply(DocumentAdded event, Instant recordedAt) {
        DocumentFile file = new DocumentFile(event.documentId(), event.editionId(), event.fileName(),
                event.mediaType(), event.sizeBytes(), event.sha256(), recordedAt, true);
        // A redelivered DocumentAdded must not move Last-Modified, or caches would refetch unchanged bytes.
        documents.merge(key(event.documentId()), file,
                (known, added) -> known.sha256().equals(added.sha256()) ? known : added);
    }

    /**
     * The same download path serves the new bytes from now on; the new sha256 is the new ETag, and the time
     * the catalog recorded the replacement is the new Last-Modified. A redelivered replacement changes nothing.
     */
    public void apply(DocumentFileReplaced event, Instant recordedAt) {
        documents.computeIfPresent(key(event.documentId()), (id, known) -> known.sha256().equals(event.sha256())
                ? known
                : new DocumentFile(known.documentId(), known.editionId(), event.fileName(), event.mediaType(),
                        event.sizeBytes(), event.sha256(), recordedAt, !sameSecond(known.lastModified(), recordedAt)));
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return a.truncatedTo(ChronoUnit.SECONDS).equals(b.truncatedTo(ChronoUnit.SECONDS));
    }

    public void apply(DocumentRestored event) {
        withdrawnDocuments.remove(key(event.documentId()));
    }

    public void apply(EditionPublished event) {
        publishedEditions.add(key(event.editionId()));
    }

    public void apply(DocumentWithdrawn event) {
        withdrawnDocuments.add(key(event.documentId()));
    }

    /** Finds a document by its id in any letter case (UUIDs are case-insensitive). */
    public DocumentLookup find(String documentId) {
        DocumentFile file = documents.get(key(documentId));
        // A document of an edition that was never published was never public: unknown rather than gone.
        if (file == null || !publishedEditions.contains(key(file.editionId()))) {
            return new DocumentLookup.Unknown(documentId);
        }
        if (withdrawnDocuments.contains(key(documentId))) {
            return new DocumentLookup.Withdrawn(documentId);
        }
        return new DocumentLookup.Servable(file);
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The view has read what {@code catalog.events} held at start: a document it does not know is unknown. */
    public void markComplete() {
        complete = true;
    }

    public boolean isComplete() {
        return complete;
    }

    public int documentCount() {
        return documents.size();
    }
}
