package nl.publicaties.stats.counting.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.storage.CountingLedger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Counts {@code downloads.requested} one poll batch at a time: one database transaction per batch, the
 * offsets committed by the container after it. An unreadable record ends the batch there: the records before
 * it are stored first, then the error handler dead-letters it and redelivers the rest.
 */
@Component
public class DownloadRequestedListener {

    private static final LogAccessor LOG = new LogAccessor(DownloadRequestedListener.class);

    private final CountingLedger ledger;
    private final Counter counted;
    private final Counter excluded;
    private final Counter duplicates;
    private final Timer projectionLatency;

    public DownloadRequestedListener(CountingLedger ledger, MeterRegistry registry) {
        this.ledger = ledger;
        this.counted = Counter.builder("stats.download.events").tag("outcome", "counted")
                .description("Download events counted under the live policy").register(registry);
        this.excluded = Counter.builder("stats.download.events").tag("outcome", "excluded")
                .description("Download events seen and excluded by the live policy").register(registry);
        this.duplicates = Counter.builder("stats.download.events").tag("outcome", "duplicate")
                .description("Redelivered download events that changed nothing").register(registry);
        this.projectionLatency = Timer.builder("stats.projection.latency")
                .description("From the download to its effect on the counters")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    @KafkaListener(
            id = "downloads-counter",
            idIsGroup = false,
            topics = Topics.DOWNLOADS_REQUESTED,
            batch = "true")
    public void onDownloads(List<ConsumerRecord<String, DownloadRequested>> records) {
        List<DownloadRequested> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, DownloadRequested> record = records.get(i);
            if (record.value() != null) {
                readable.add(record.value());
                continue;
            }
            DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (failure == null) {
                // a tombstone: no download happened, nothing to count
                continue;
            }
            store(readable);
            throw new BatchListenerFailedException("unreadable download event", failure, i);
        }
        store(readable);
    }

    private void store(List<DownloadRequested> events) {
        if (events.isEmpty()) {
            return;
        }
        CountingLedger.Applied applied;
        try {
            applied = ledger.apply(events);
        } catch (RuntimeException e) {
            // the error handler retries the batch without end; say why, once per attempt
            LOG.warn(e, () -> "Could not count a batch of " + events.size() + " download events; it will be retried");
            throw e;
        }
        events.clear();
        counted.increment(applied.counted());
        excluded.increment(applied.excluded());
        duplicates.increment(applied.duplicates());
        Instant now = Instant.now();
        for (Instant occurredAt : applied.freshOccurredAt()) {
            Duration latency = Duration.between(occurredAt, now);
            if (!latency.isNegative()) {
                projectionLatency.record(latency);
            }
        }
    }
}
