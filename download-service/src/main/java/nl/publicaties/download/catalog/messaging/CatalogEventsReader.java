package nl.publicaties.download.catalog.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.CatalogEvents;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.DocumentRestored;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.TopicReaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code catalog.events} from the beginning into the {@link DocumentView} at every start.
 * <p>
 * It assigns all partitions itself instead of joining a consumer group: every instance needs every event,
 * nothing is committed (the view lives in memory), and comparing {@link Consumer#position} with the end
 * offsets seen at start is the exact "caught up" signal readiness needs, also for empty partitions. New
 * partitions (or the topic appearing after this service started) are picked up by a periodic metadata check.
 */
@Component
public class CatalogEventsReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventsReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration METADATA_REFRESH = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final TopicReaders readers;
    private final JsonMapper json;
    private final DocumentView view;
    private final Counter skipped;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;
    private Instant startedAt;

    // Only this reader's thread touches these.
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> endOffsetsAtStart;
    private Instant nextMetadataCheck = Instant.MIN;

    public CatalogEventsReader(TopicReaders readers, JsonMapper json, DocumentView view,
            MeterRegistry meters) {
        this.readers = readers;
        this.json = json;
        this.view = view;
        this.skipped = Counter.builder("download.catalog.events.skipped")
                .description("catalog events that could not be read and were left out of the view")
                .register(meters);
    }

    /** True once the view holds everything that was on the topic when this instance started. */
    public boolean isCaughtUp() {
        return view.isComplete();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedAt = Instant.now();
        thread = new Thread(this::run, "catalog-events-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopped.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (Consumer<String, byte[]> created = readers.create("download-catalog-view")) {
            consumer = created;
            while (running) {
                try {
                    step(created);
                } catch (WakeupException e) {
                    // stop() woke us up; the loop condition ends the thread.
                } catch (RuntimeException e) {
                    log.warn("Reading {} failed, retrying: {}", Topics.CATALOG_EVENTS, e.toString());
                    pause(RETRY_BACKOFF);
                }
            }
        } catch (RuntimeException e) {
            log.error("Catalog events reader stopped", e);
        } finally {
            consumer = null;
        }
    }

    private void step(Consumer<String, byte[]> consumer) {
        if (!Instant.now().isBefore(nextMetadataCheck)) {
            refreshAssignment(consumer);
        }
        if (assigned.isEmpty()) {
            pause(RETRY_BACKOFF);
            return;
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<String, byte[]> record : records) {
            apply(record);
        }
        if (!view.isComplete() && reachedStartEnd(consumer)) {
            view.markComplete();
            log.info("Catalog view caught up with {}: {} documents in {} ms", Topics.CATALOG_EVENTS,
                    view.documentCount(), Duration.between(startedAt, Instant.now()).toMillis());
        }
    }

    private void refreshAssignment(Consumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.CATALOG_EVENTS, METADATA_TIMEOUT);
        List<TopicPartition> added = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                if (!assigned.contains(partition)) {
                    added.add(partition);
                }
            }
        }
        if (!added.isEmpty()) {
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
            assigned.addAll(added);
        }
        // Until the catalog has created its topic, look again every second: on a fresh system the catalog
        // creates it a few seconds after this service started, and its first documents must be servable
        // right away, not after the next routine check.
        nextMetadataCheck = Instant.now().plus(assigned.isEmpty() ? RETRY_BACKOFF : METADATA_REFRESH);
        if (endOffsetsAtStart == null) {
            // First successful metadata answer: what "caught up" means for readiness. A topic that does not
            // exist yet holds no events, so an empty view is then complete.
            endOffsetsAtStart = added.isEmpty() ? Map.of() : Map.copyOf(consumer.endOffsets(added, METADATA_TIMEOUT));
            log.info("Rebuilding catalog view from {} ({} partitions), end offsets at start {}",
                    Topics.CATALOG_EVENTS, added.size(), endOffsetsAtStart);
        }
        if (!view.isComplete() && endOffsetsAtStart.isEmpty()) {
            view.markComplete();
            log.info("Catalog view ready: {} was empty at start", Topics.CATALOG_EVENTS);
        }
    }

    private boolean reachedStartEnd(Consumer<String, byte[]> consumer) {
        for (Map.Entry<TopicPartition, Long> end : endOffsetsAtStart.entrySet()) {
            if (consumer.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String type = TopicReaders.header(record, MessageHeaders.TYPE);
        Class<? extends Record> eventClass = type == null ? null : CatalogEvents.BY_TYPE.get(type);
        if (eventClass == null) {
            // Events this service does not know are not its business (forward compatible by design).
            log.debug("Ignoring {} at {}-{}@{}", type, record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            Object event = json.readValue(record.value(), eventClass);
            if (event instanceof DocumentAdded added) {
                view.apply(added, Instant.ofEpochMilli(record.timestamp()));
            } else if (event instanceof EditionPublished published) {
                view.apply(published);
            } else if (event instanceof DocumentWithdrawn withdrawn) {
                view.apply(withdrawn);
            } else if (event instanceof DocumentRestored restored) {
                view.apply(restored);
            } else if (event instanceof DocumentFileReplaced replaced) {
                view.apply(replaced, Instant.ofEpochMilli(record.timestamp()));
            }
        } catch (RuntimeException e) {
            // One unreadable event must not stop the view for every other document.
            skipped.increment();
            log.error("Skipping unreadable {} at {}-{}@{} (message-id {}): {}", type, record.topic(),
                    record.partition(), record.offset(), TopicReaders.header(record, MessageHeaders.MESSAGE_ID),
                    e.toString());
        }
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Started before and stopped after the servers (see {@code DocumentServer#getPhase}). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
