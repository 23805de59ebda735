package nl.publicaties.download.recording;

import nl.publicaties.contracts.download.DownloadRequested;

/**
 * Takes the fact of one download off the request thread. Implementations must never throw and never block
 * the download on Kafka; today it is {@code KafkaDownloadRecorder} (in-memory hand-off), a durable local
 * spool in front of Kafka slots in here without touching the web layer.
 */
public interface DownloadRecorder {

    void record(DownloadRequested event);
}
