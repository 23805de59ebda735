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
 * State is kept as sets rather than as a sequence of transitions, and a document's file by its revision, so
 * applying an event twice, or events of different editions in any interleaving across partitions, gives the same
 * view (the reader also skips a withdrawal or restore it has applied already, by message id). Withdrawing and
 * restoring one document are ordered by its edition's partition.
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
                event.mediaType(), event.sizeBytes(), event.sha256(), recordedAt, true, 1);
        // A redelivered DocumentAdded changes nothing (Last-Modified must not move, or caches would refetch
        // unchanged bytes), and one read after a replacement of its file does not bring the old file back.
        documents.merge(key(event.documentId()), file, (known, added) -> olderFileRead(known, added.sha256(),
                recordedAt));
    }

    /**
     * The same download path serves the file of the highest {@code fileRevision} read: the new sha256 is the new
     * ETag, and the time the catalog recorded the replacement the new Last-Modified (kept when the bytes are the
     * ones already served, as after going back to an earlier file). A redelivered or older replacement changes
     * nothing, and one read before its document's DocumentAdded (another partition, after partitions were added)
     * is served, as it is the newer file.
     */
    public void apply(DocumentFileReplaced event, Instant recordedAt) {
        documents.compute(key(event.documentId()), (id, known) -> {
            if (known == null) {
                return new DocumentFile(event.documentId(), event.editionId(), event.fileName(), event.mediaType(),
                        event.sizeBytes(), event.sha256(), recordedAt, true, event.fileRevision());
            }
            if (event.fileRevision() <= known.fileRevision()) {
                return olderFileRead(known, event.sha256(), recordedAt);
            }
            boolean sameBytes = known.sha256().equals(event.sha256());
            return new DocumentFile(known.documentId(), known.editionId(), event.fileName(), event.mediaType(),
                    event.sizeBytes(), event.sha256(), sameBytes ? known.lastModified() : recordedAt,
                    sameBytes ? known.lastModifiedStrong() : !sameSecond(known.lastModified(), recordedAt),
                    event.fileRevision());
        });
    }

    /**
     * An older file of the document, read after the one served: it changes nothing, except that when it was
     * recorded within the same second as the served one, that Last-Modified (whole seconds) names both and can
     * no longer validate an If-Range, whatever order the two were read in.
     */
    private static DocumentFile olderFileRead(DocumentFile known, String sha256, Instant recordedAt) {
        if (known.sha256().equals(sha256) || !known.lastModifiedStrong()
                || !sameSecond(known.lastModified(), recordedAt)) {
            return known;
        }
        return new DocumentFile(known.documentId(), known.editionId(), known.fileName(), known.mediaType(),
                known.sizeBytes(), known.sha256(), known.lastModified(), false, known.fileRevision());
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
