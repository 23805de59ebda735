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
    private final MeterRegistry meters;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    /** stop() was asked for: a reading thread that has ended is expected, not a frozen view. */
    private volatile boolean stopRequested = true;
    private Instant startedAt;

    // Only this reader's thread touches these.
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> endOffsetsAtStart;
    private Instant nextMetadataCheck = Instant.MIN;
    /**
     * Message ids of the withdrawals and restores applied so far: the catalog's publisher sends a suffix again after
     * a crash, and those two are the only events whose second reading would undo a later one (every other event
     * is a fact or a file revision, the same when read twice).
     */
    private final Set<String> appliedMessageIds = new HashSet<>();
    /** Event types (and revisions) this reader left out and has said so once. */
    private final Set<String> reportedIgnored = new HashSet<>();

    /** The revision this service reads of each event type: a newer one is left out, loudly, not half read. */
    private static final Map<String, Integer> KNOWN_REVISIONS = knownRevisions();

    public CatalogEventsReader(TopicReaders readers, JsonMapper json, DocumentView view,
            MeterRegistry meters) {
        this.readers = readers;
        this.json = json;
        this.view = view;
        this.skipped = Counter.builder("download.catalog.events.skipped")
                .description("catalog events that could not be read and were left out of the view")
                .register(meters);
        this.meters = meters;
        ignored("unknown-type");
        ignored("newer-revision");
        ignored("redelivered");
    }

    private Counter ignored(String reason) {
        return Counter.builder("download.catalog.events.ignored")
                .description("catalog events left out of the view: types or revisions this service does not know, "
                        + "and events it had applied already")
                .tag("reason", reason).register(meters);
    }

    private static Map<String, Integer> knownRevisions() {
        Map<String, Integer> revisions = new java.util.HashMap<>();
        CatalogEvents.BY_TYPE.forEach((type, eventClass) -> {
            try {
                revisions.put(type, eventClass.getField("REVISION").getInt(null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(eventClass + " declares no REVISION", e);
            }
        });
        return Map.copyOf(revisions);
    }

    /** True once the view holds everything that was on the topic when this instance started. */
    public boolean isCaughtUp() {
        return view.isComplete();
    }

    /** False when the reading thread has ended although the reader was not stopped (the view is frozen). */
    public boolean isReading() {
        Thread reading = thread;
        return stopRequested || reading == null || reading.isAlive();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedAt = Instant.now();
        Thread reading = new Thread(this::run, "catalog-events-reader");
        reading.setDaemon(true);
        reading.start();
        thread = reading;
        stopRequested = false;
    }

    @Override
    public synchronized void stop() {
        stopRequested = true;
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
            // First: what "caught up" means for readiness, asked before anything changes here, so that a timeout
            // leaves the reader as it was and the whole step is simply tried again
            Map<TopicPartition, Long> ends = endOffsetsAtStart == null
                    ? Map.copyOf(consumer.endOffsets(added, METADATA_TIMEOUT)) : null;
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
            assigned.addAll(added);
            if (ends != null) {
                endOffsetsAtStart = ends;
                log.info("Rebuilding catalog view from {} ({} partitions), end offsets at start {}",
                        Topics.CATALOG_EVENTS, added.size(), endOffsetsAtStart);
            }
        }
        // Until the catalog has created its topic, look again every second: on a fresh system the catalog
        // creates it a few seconds after this service started, and its first documents must be servable
        // right away, not after the next routine check.
        nextMetadataCheck = Instant.now().plus(assigned.isEmpty() ? RETRY_BACKOFF : METADATA_REFRESH);
        if (endOffsetsAtStart == null && assigned.isEmpty()) {
            // The topic does not exist yet: it holds no events, so an empty view is complete.
            endOffsetsAtStart = Map.of();
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
            // Not this service's business (forward compatible by design), but visible: a new kind of event that
            // should change what is served (say, a document deleted) must not go unnoticed.
            leftOut("unknown-type", type, record);
            return;
        }
        String revision = TopicReaders.header(record, MessageHeaders.REVISION);
        if (revision != null && parsedRevision(revision) > KNOWN_REVISIONS.get(type)) {
            // its fields may mean something else now: reading it as the known revision could serve wrong files
            leftOut("newer-revision", type + " revision " + revision, record);
            return;
        }
        String messageId = eventClass == DocumentWithdrawn.class || eventClass == DocumentRestored.class
                ? TopicReaders.header(record, MessageHeaders.MESSAGE_ID) : null;
        if (messageId != null && appliedMessageIds.contains(messageId)) {
            ignored("redelivered").increment();
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
            if (messageId != null) {
                appliedMessageIds.add(messageId);
            }
        } catch (RuntimeException e) {
            // One unreadable event must not stop the view for every other document.
            skipped.increment();
            log.error("Skipping unreadable {} at {}-{}@{} (message-id {}): {}", type, record.topic(),
                    record.partition(), record.offset(), TopicReaders.header(record, MessageHeaders.MESSAGE_ID),
                    e.toString());
        }
    }

    private static int parsedRevision(String revision) {
        try {
            return Integer.parseInt(revision.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // not a revision this service could know
        }
    }

    private void leftOut(String reason, String what, ConsumerRecord<String, byte[]> record) {
        ignored(reason).increment();
        if (reportedIgnored.add(reason + ":" + what)) {
            log.warn("Leaving {} out of the catalog view ({}; first at {}-{}@{}); said once per type", what, reason,
                    record.topic(), record.partition(), record.offset());
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
