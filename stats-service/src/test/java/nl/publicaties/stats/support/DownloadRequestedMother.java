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
                "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                "v-" + UUID.randomUUID().toString().substring(0, 8),
                "download-1a2b3c4d");
    }
}
