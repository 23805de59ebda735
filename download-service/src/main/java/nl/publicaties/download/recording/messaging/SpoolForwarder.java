package nl.publicaties.download.recording.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.recording.config.SpoolProperties;
import nl.publicaties.download.recording.storage.Spool;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes spooled DownloadRequested records to {@code downloads.requested} in spool order (key = document id,
 * idempotent producer, {@code acks=all}) on one thread, and advances the spool's committed position only past
 * records Kafka acknowledged. A failed batch is retried from its first unacknowledged record after a growing
 * pause (at most {@link #MAX_BACKOFF}); records acknowledged before a crash or failure may be sent again, so
 * delivery is at-least-once and the stats service deduplicates on {@code eventId} ({@code message-id}).
 */
@Component
public class SpoolForwarder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SpoolForwarder.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Longer than the producer's delivery.timeout.ms: the producer itself fails a send first. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(60);
    /** How often the acknowledged position is persisted (a crash replays at most this much, deduplicated). */
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    private static final byte[] TYPE = DownloadRequested.TYPE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] REVISION =
            Integer.toString(DownloadRequested.REVISION).getBytes(StandardCharsets.UTF_8);

    private final Spool spool;
    private final ProducerFactory<String, byte[]> producers;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final int batchSize;
    private final long intervalMillis;
    private final Counter published;
    private final Timer latency;
    private final Object pause = new Object();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastAcknowledgedAt;
    /** Only the forwarder thread uses these: the last commit failure (logged once), and when the last commit was. */
    private String lastCommitError;
    private long lastCommit = System.nanoTime();
    /** The cause of the last producer reset, logged once while it stays. */
    private String lastReset;

    public SpoolForwarder(Spool spool, ProducerFactory<String, byte[]> producers, JsonMapper json,
            MeterRegistry meters, SpoolProperties properties) {
        this.spool = spool;
        this.producers = producers;
        this.json = json;
        this.meters = meters;
        this.batchSize = properties.forwardBatch();
        this.intervalMillis = properties.forwardInterval().toMillis();
        this.published = Counter.builder("download.events.published")
                .description("DownloadRequested events acknowledged by Kafka").register(meters);
        this.latency = Timer.builder("download.events.publish.latency")
                .description("a forwarding round: from its first send to its last Kafka acknowledgement (acks=all)")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        failures("kafka");
        failures("spool");
    }

    @Override
    public void start() {
        running = true;
        Thread forwarder = new Thread(this::forwardLoop, "spool-forwarder");
        forwarder.setDaemon(true);
        thread = forwarder;
        forwarder.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        Thread forwarder = thread;
        if (forwarder != null) {
            try {
                forwarder.join(TimeUnit.SECONDS.toMillis(15));
                if (forwarder.isAlive()) {
                    // a round still waiting for Kafka's answers (up to ACK_WAIT): stop it, so that nothing touches
                    // the spool after it is closed; what Kafka has not acknowledged is sent again at the next start
                    forwarder.interrupt();
                    forwarder.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public Instant lastAcknowledgedAt() {
        return lastAcknowledgedAt;
    }

    /** False when the forwarding thread has died while the forwarder should be running: nothing is forwarded. */
    public boolean isForwarding() {
        Thread forwarder = thread;
        return !running || (forwarder != null && forwarder.isAlive());
    }

    /** False while the last thing that happened to forwarding was a failure. */
    public boolean reachesKafka() {
        Instant failed = lastErrorAt;
        Instant acknowledged = lastAcknowledgedAt;
        return failed == null || (acknowledged != null && !acknowledged.isBefore(failed));
    }

    private void forwardLoop() {
        long position = spool.forwardedPosition();
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try {
                commitIfDue();
                List<Spool.Entry> batch = spool.read(position, batchSize);
                if (batch.isEmpty()) {
                    spool.awaitAppended(position, 250);
                    continue;
                }
                int acknowledged = forward(batch);
                if (acknowledged > 0) {
                    position = batch.get(acknowledged - 1).next();
                    spool.acknowledge(position, acknowledged);
                }
                if (acknowledged < batch.size()) {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                } else {
                    backoff = MIN_BACKOFF;
                    if (batch.size() < batchSize && intervalMillis > 0) {
                        // Caught up: let the next round collect what arrives meanwhile instead of sending a
                        // produce request per group commit (a full round means a backlog: go on at once).
                        sleep(Duration.ofMillis(intervalMillis));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception | LinkageError | VirtualMachineError e) {
                // an Error too (out of memory in a round, say): a forwarder thread that died would leave the
                // spool to fill with nobody noticing until downloads are refused
                failed("spool", e);
                sleep(MAX_BACKOFF);
            }
        }
        boolean interrupted = Thread.interrupted(); // a FileChannel closes itself on an interrupted thread
        try {
            spool.commit();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not persist the forwarded position at stop; those records are sent again at start", e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Persists the forwarded position when the last persist is {@link #COMMIT_INTERVAL_NANOS} ago: also while a
     * round waits for Kafka's answers, so a crash never replays more than about that much of what Kafka has.
     */
    private void commitIfDue() {
        if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
            lastCommit = System.nanoTime();
            commit();
        }
    }

    /**
     * Persists the forwarded position. A failure (a full disk) does not stop forwarding: the spool still deletes
     * what Kafka has, which is what frees the disk, and the next round persists again.
     */
    private void commit() {
        try {
            spool.commit();
            lastCommitError = null;
        } catch (IOException | RuntimeException e) {
            String text = e.toString();
            if (!text.equals(lastCommitError)) {
                log.warn("Could not persist the forwarded position of the spool (forwarding goes on; a restart "
                        + "would send the records since the last persisted position again): {}", text);
            }
            lastCommitError = text;
            failures("spool").increment();
        }
    }

    /**
     * Sends the batch in order and returns how many leading records Kafka acknowledged. The producer is asked
     * from the factory each round, as {@code KafkaTemplate} does: its shared producer, or a new one when the
     * last one closed itself (after an {@code OutOfOrderSequenceException}). After any other error that retrying
     * cannot cure (an authorization error, an unsupported version: an idempotent producer stays in its fatal error
     * state for good, and the factory would hand out the same one forever) the factory is told to make a new one.
     */
    private int forward(List<Spool.Entry> batch) throws InterruptedException {
        Producer<String, byte[]> producer = producers.createProducer();
        Exception failure;
        int acknowledged;
        try {
            Round round = new Round(batch.size());
            acknowledged = forward(batch, producer, round);
            failure = round.failure();
        } finally {
            producer.close(); // the factory's shared producer stays open unless it failed
        }
        if (failure != null && !(failure instanceof RetriableException) && running) {
            if (!failure.toString().equals(lastReset)) { // once per cause: a cause that stays is retried each round
                log.warn("The Kafka producer failed with an error retrying does not cure ({}); the next round uses a "
                        + "new one", failure.toString());
            }
            lastReset = failure.toString();
            producers.reset();
        } else if (failure == null) {
            lastReset = null;
        }
        return acknowledged;
    }

    private int forward(List<Spool.Entry> batch, Producer<String, byte[]> producer, Round round)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean[] skipped = new boolean[batch.size()];
        int sent = 0;
        for (Spool.Entry entry : batch) {
            int index = sent;
            ProducerRecord<String, byte[]> record = recordOf(entry);
            if (record == null) {
                skipped[index] = true;
                round.completed(index, null);
            } else {
                try {
                    producer.send(record, (metadata, error) -> round.completed(index, error));
                } catch (RuntimeException e) {
                    // a closed producer or an unserializable record: the later records would fail alike
                    round.failedToSend(e);
                    break;
                }
            }
            sent++;
            if (round.failure() != null) {
                // e.g. the metadata wait (max.block.ms) ran out: every further send would wait as long again,
                // and nothing after the failed record counts as forwarded anyway
                break;
            }
        }
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        boolean answered = false;
        while (!answered && System.nanoTime() < deadline) {
            answered = round.await(sent, Math.min(TimeUnit.NANOSECONDS.toMillis(COMMIT_INTERVAL_NANOS),
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            commitIfDue(); // what earlier rounds forwarded is persisted while Kafka takes its time with this one
        }
        Exception failure = round.failure();
        if (failure != null) {
            failed("kafka", failure);
        } else if (!answered) {
            failed("kafka", new TimeoutException("no acknowledgement within " + ACK_WAIT.toSeconds() + " s"));
        }
        int acknowledged = round.acknowledgedPrefix();
        int delivered = 0;
        for (int i = 0; i < acknowledged; i++) {
            delivered += skipped[i] ? 0 : 1;
        }
        if (delivered > 0) { // records skipped as unreadable were not published, nor do they show Kafka is there
            published.increment(delivered);
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            lastAcknowledgedAt = Instant.now();
        }
        return acknowledged;
    }

    /**
     * The answers to one round, given by the producer's I/O thread: a callback per record, where
     * {@code KafkaTemplate} made a future per record (and this class a timer sample per record).
     */
    static final class Round {
        private final boolean[] acknowledged;
        private int answered;
        /** The first error; volatile because the sending thread reads it after each send, without the lock. */
        private volatile Exception failure;

        Round(int records) {
            this.acknowledged = new boolean[records];
        }

        synchronized void completed(int index, Exception error) {
            if (error == null) {
                acknowledged[index] = true;
            } else if (failure == null) {
                failure = error;
            }
            answered++;
            notifyAll();
        }

        /** Waits until {@code sent} records were answered; false when the wait ran out first. */
        synchronized boolean await(int sent, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (answered < sent) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** How many records, in spool order, Kafka acknowledged before the first one it did not. */
        synchronized int acknowledgedPrefix() {
            int prefix = 0;
            while (prefix < acknowledged.length && acknowledged[prefix]) {
                prefix++;
            }
            return prefix;
        }

        /** A send that failed before the producer took the record. */
        synchronized void failedToSend(Exception error) {
            if (failure == null) {
                failure = error;
            }
        }

        Exception failure() {
            return failure;
        }
    }

    /** The Kafka record of a spooled event (its exact bytes as value), or null for bytes that are no event. */
    private ProducerRecord<String, byte[]> recordOf(Spool.Entry entry) {
        RecordKeys keys;
        try {
            keys = keysOf(json, entry.payload());
        } catch (JacksonException | IllegalArgumentException e) {
            // The CRC matched, so these are the bytes this service wrote; retrying cannot help. Skip, loudly.
            Counter.builder("download.spool.unreadable").description("spooled records that were not an event")
                    .register(meters).increment();
            log.error("Spool record at position {} is not a DownloadRequested; skipped: {}", entry.position(),
                    e.getMessage());
            return null;
        }
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.DOWNLOADS_REQUESTED, keys.documentId(), entry.payload());
        record.headers()
                .add(MessageHeaders.TYPE, TYPE)
                .add(MessageHeaders.REVISION, REVISION)
                .add(MessageHeaders.MESSAGE_ID, keys.eventId().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** What the Kafka record needs from a spooled event: its key and its message id. */
    record RecordKeys(String eventId, String documentId) {
    }

    /**
     * Reads only {@code eventId} and {@code documentId} from the spooled JSON, stopping as soon as both are seen
     * (they are its first two properties): the value goes to Kafka as the exact bytes that were spooled, so
     * binding the whole event (dates, optional fields) for every record would be work for nothing.
     */
    static RecordKeys keysOf(JsonMapper json, byte[] payload) {
        String eventId = null;
        String documentId = null;
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while ((eventId == null || documentId == null) && parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("eventId".equals(name) && token == JsonToken.VALUE_STRING) {
                    eventId = parser.getString();
                } else if ("documentId".equals(name) && token == JsonToken.VALUE_STRING) {
                    documentId = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (eventId == null || eventId.isEmpty() || documentId == null || documentId.isEmpty()) {
            throw new IllegalArgumentException("no eventId and documentId");
        }
        return new RecordKeys(eventId, documentId);
    }

    /** Registered at start for both reasons, so a dashboard's increase() sees the first failure too. */
    private Counter failures(String reason) {
        return Counter.builder("download.events.publish.failures")
                .description("attempts to forward spooled DownloadRequested events that failed (they are retried)")
                .tag("reason", reason)
                .register(meters);
    }

    private void failed(String reason, Throwable error) {
        failures(reason).increment();
        String text = error.toString();
        if (!text.equals(lastError)) {
            log.warn("Forwarding spooled downloads failed ({}), retrying; {} records wait: {}", reason,
                    spool.unforwardedRecords(), text);
        }
        lastError = text;
        lastErrorAt = Instant.now();
    }

    private void sleep(Duration duration) {
        synchronized (pause) {
            if (running) {
                try {
                    pause.wait(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** Started before and stopped after the servers (see {@code DocumentServer#getPhase}). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
