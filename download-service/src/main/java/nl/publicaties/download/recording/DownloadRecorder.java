package nl.publicaties.download.recording;

import nl.publicaties.contracts.download.DownloadRequested;

/**
 * Makes the fact of one download durable before its response is sent. Implementations never wait for
 * Kafka: {@code SpoolDownloadRecorder} appends to the local spool (fsync, group commit) and a forwarder
 * takes it to Kafka later.
 */
public interface DownloadRecorder {

    /**
     * Returns once the event is safe on this instance's disk.
     *
     * @throws NotRecorded when it cannot be made durable (spool full, disk error): the caller must not serve
     *                     the download, so no download goes unrecorded
     */
    void record(DownloadRequested event) throws NotRecorded;

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
