package nl.publicaties.download.recording;

import java.util.concurrent.CompletableFuture;

import nl.publicaties.contracts.download.DownloadRequested;

/**
 * Makes the fact of one download durable before its response is sent. Implementations never wait for
 * Kafka: {@code SpoolDownloadRecorder} appends to the local spool (fsync, group commit) and a forwarder
 * takes it to Kafka later.
 */
public interface DownloadRecorder {

    /** For benchmarks only ({@code download.spool.enabled=false}): nothing is recorded. */
    DownloadRecorder DISABLED = event -> CompletableFuture.completedFuture(null);

    /**
     * Completes once the event is safe on this instance's disk; nobody waits on a thread meanwhile (the
     * delivery answers from the completion).
     *
     * @return completes exceptionally with {@link NotRecorded} when the event cannot be made durable (spool
     *         full, disk error, timeout): the caller must not serve the download, so no download goes unrecorded
     */
    CompletableFuture<Void> record(DownloadRequested event);

    /** The download could not be recorded; {@code retryAfterSeconds} is a hint for the client. */
    final class NotRecorded extends Exception {
        private final long retryAfterSeconds;

        public NotRecorded(String reason, long retryAfterSeconds, Throwable cause) {
            super(reason, cause, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
