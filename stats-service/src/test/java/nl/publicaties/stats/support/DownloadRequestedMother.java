package nl.publicaties.stats.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;

/** Download events as the download service publishes them, for the seed's real documents. */
public final class DownloadRequestedMother {

    /** "Monitor integriteit en veiligheid 2022", baseline 366 on the published page. */
    public static final String MONITOR_2022 = "9415a09c-db79-5882-a49b-756bfda6749c";
    public static final String EDITION_2022 = "3d7f0c55-5b8e-5b34-9a8e-6d3c3bdf2022";
    private static final long MONITOR_2022_BYTES = 1_048_576;
    public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private DownloadRequestedMother() {
    }

    public static DownloadRequested fullDownloadOf(String documentId) {
        return event(documentId, "GET", 200, null, null, MONITOR_2022_BYTES);
    }

    public static DownloadRequested notModifiedOf(String documentId) {
        return event(documentId, "GET", 304, null, null, 0);
    }

    public static DownloadRequested rangeOf(String documentId, long start, long end) {
        return event(documentId, "GET", 206, start, end, end - start + 1);
    }

    public static DownloadRequested headOf(String documentId) {
        return event(documentId, "HEAD", 200, null, null, 0);
    }

    public static DownloadRequested withStatus(String documentId, int status) {
        return event(documentId, "GET", status, null, null, 0);
    }

    /** A full download by one visitor at a given moment, as the double-click and session rules see it. */
    public static DownloadRequested clickAt(String documentId, String visitorKey, Instant at) {
        return new DownloadRequested(UUID.randomUUID().toString(), documentId, EDITION_2022, at, "GET", 200, null, null,
                MONITOR_2022_BYTES, BROWSER, visitorKey, "download-1a2b3c4d");
    }

    public static DownloadRequested withUserAgent(String documentId, String userAgent) {
        return withUserAgent(fullDownloadOf(documentId), userAgent);
    }

    public static DownloadRequested withUserAgent(DownloadRequested e, String userAgent) {
        return new DownloadRequested(e.eventId(), e.documentId(), e.editionId(), e.occurredAt(), e.method(), e.status(),
                e.rangeStart(), e.rangeEnd(), e.bytes(), userAgent, e.visitorKey(), e.instance());
    }

    public static String newDocumentId() {
        return UUID.randomUUID().toString();
    }

    private static DownloadRequested event(
            String documentId, String method, int status, Long rangeStart, Long rangeEnd, long bytes) {
        return new DownloadRequested(
                UUID.randomUUID().toString(),
                documentId,
                EDITION_2022,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                method,
                status,
                rangeStart,
                rangeEnd,
                bytes,
                BROWSER,
                "v-" + UUID.randomUUID().toString().substring(0, 8),
                "download-1a2b3c4d");
    }
}
