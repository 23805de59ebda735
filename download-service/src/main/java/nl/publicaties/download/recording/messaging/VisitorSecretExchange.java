package nl.publicaties.download.recording.messaging;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.download.config.TopicReaders;
import nl.publicaties.download.recording.VisitorKeys;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Makes every instance key visitors with the same secret each UTC day, through a one-partition topic that only
 * this service reads and writes ({@code downloads.visitor-secrets}).
 * <p>
 * <b>Agreement.</b> An instance that needs the secret of a day reads the topic from the start and takes the
 * first record keyed by that day. If there is none, it writes a random one (a proposal) and reads again: when two
 * instances propose at once, the partition's order makes the same proposal the first for both.
 * <p>
 * <b>Lifetime.</b> The secret for tomorrow is agreed on {@code prefetch} before midnight, so no instance is
 * without it when the day turns; yesterday's is dropped from memory just after midnight. The topic deletes a
 * record {@code retention} (25 h) after it was appended (broker time, {@code LogAppendTime}), so a secret is
 * readable through its whole day and gone from the broker by the morning after: never stored for more than
 * two days, so keys of different days cannot be linked.
 * <p>
 * <b>Without Kafka.</b> Downloads never wait for this: {@link VisitorKeys} makes a secret of its own for a day it
 * has no shared one for, and this thread retries every {@code retry} until it gets the shared one.
 */
public class VisitorSecretExchange implements SmartLifecycle {

    public static final String TYPE = "VisitorSecretProposed";
    public static final int REVISION = 1;

    private static final Logger log = LoggerFactory.getLogger(VisitorSecretExchange.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    /** After midnight, before yesterday's secret is dropped: requests that started before it finish with it. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final NewTopic topic;
    private final KafkaAdmin admin;
    private final TopicReaders readers;
    private final ProducerFactory<String, byte[]> producers;
    private final VisitorKeys keys;
    private final Clock clock;
    private final Duration prefetch;
    private final Duration retry;
    private final SecureRandom random = new SecureRandom();

    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean firstRoundDone;

    public VisitorSecretExchange(NewTopic topic, KafkaAdmin admin, TopicReaders readers,
            ProducerFactory<String, byte[]> producers, VisitorKeys keys, Clock clock, Duration prefetch,
            Duration retry) {
        this.topic = topic;
        this.admin = admin;
        this.readers = readers;
        this.producers = producers;
        this.keys = keys;
        this.clock = clock;
        this.prefetch = prefetch;
        this.retry = retry;
    }

    @Override
    public void start() {
        running = true;
        stopped = new CountDownLatch(1);
        Thread exchange = new Thread(this::run, "visitor-secrets");
        exchange.setDaemon(true);
        thread = exchange;
        exchange.start();
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        Thread exchange = thread;
        if (exchange != null) {
            exchange.interrupt(); // a round may be waiting on Kafka (reads, a send): up to a minute otherwise
            try {
                exchange.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * True once the first attempt at start has ended, with the shared secret or without it: readiness waits for
     * that attempt (an instance that served with a secret of its own from the start would count its visitors
     * apart from every other instance's), not for Kafka (downloads never wait for Kafka).
     */
    public boolean firstRoundDone() {
        return firstRoundDone;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    private void run() {
        while (running) {
            Duration pause;
            try {
                pause = round();
            } catch (RuntimeException e) {
                lastError = e.toString();
                lastErrorAt = clock.instant();
                log.warn("Could not agree on the visitor secret through {} (retrying in {}): {}", topic.name(), retry,
                        e.toString());
                pause = retry;
            }
            firstRoundDone = true;
            try {
                if (stopped.await(Math.max(1, pause.toMillis()), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Gets today's shared secret (and tomorrow's, within {@code prefetch} of midnight), drops older ones and
     * returns how long to wait before the next round.
     */
    Duration round() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant startOfToday = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant midnight = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean graceOver = !now.isBefore(startOfToday.plus(GRACE));
        if (graceOver) {
            keys.forgetBefore(today);
        }
        boolean tomorrowToo = !now.isBefore(midnight.minus(prefetch));
        // a day's shared secret, once adopted, is never asked for again: it cannot change under the instance
        List<LocalDate> missing = (tomorrowToo ? List.of(today, today.plusDays(1)) : List.of(today)).stream()
                .filter(day -> !keys.isShared(day)).toList();
        if (!missing.isEmpty()) {
            declareTopic();
            obtain(missing);
        }
        Instant next = !graceOver ? startOfToday.plus(GRACE)
                : tomorrowToo ? midnight.plus(GRACE) : midnight.minus(prefetch);
        return Duration.between(clock.instant(), next);
    }

    /**
     * Creates the topic, or brings an existing one to its declared settings. Failing that (an account without the
     * right to describe or alter topic configs, an operator that owns them) the agreement goes on with the topic as
     * it is: instances that cannot agree would make keys that match no other instance's.
     */
    private void declareTopic() {
        try {
            admin.createOrModifyTopics(topic);
        } catch (RuntimeException e) {
            log.warn("Could not create {} or bring it to its settings (retention {} ms); agreeing on the day's secret "
                    + "with the topic as it is: {}", topic.name(), topic.configs().get("retention.ms"), e.toString());
        }
    }

    /** Reads the topic; proposes a secret for each day it has none for; reads again; adopts the first of each. */
    private void obtain(List<LocalDate> days) {
        Map<LocalDate, byte[]> agreed = read(days);
        List<LocalDate> missing = days.stream().filter(day -> !agreed.containsKey(day)).toList();
        if (!missing.isEmpty()) {
            propose(missing);
            agreed.putAll(read(missing));
        }
        for (LocalDate day : days) {
            byte[] secret = agreed.get(day);
            if (secret == null) {
                throw new IllegalStateException("the proposed visitor secret for " + day + " was not read back");
            }
            keys.adopt(day, secret);
            Arrays.fill(secret, (byte) 0);
            log.info("Visitor keys of {} are made with the secret shared by every instance", day);
        }
    }

    private void propose(List<LocalDate> days) {
        Producer<String, byte[]> producer = producers.createProducer();
        try {
            for (LocalDate day : days) {
                byte[] secret = new byte[VisitorKeys.SECRET_BYTES];
                random.nextBytes(secret);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), 0, day.toString(), secret);
                record.headers()
                        .add(MessageHeaders.TYPE, TYPE.getBytes(StandardCharsets.UTF_8))
                        .add(MessageHeaders.REVISION, Integer.toString(REVISION).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Arrays.fill(secret, (byte) 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while proposing a visitor secret", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not propose a visitor secret: " + e, e);
        } finally {
            producer.close();
        }
    }

    /** The first proposal for each of {@code days} in the partition, as far as it reaches now. */
    private Map<LocalDate, byte[]> read(List<LocalDate> days) {
        Map<LocalDate, byte[]> first = new HashMap<>();
        TopicPartition partition = new TopicPartition(topic.name(), 0);
        try (Consumer<String, byte[]> consumer = readers.create("download-visitor-secrets")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " up to offset " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    LocalDate day = dayOf(record);
                    if (day != null && days.contains(day) && !first.containsKey(day)) {
                        first.put(day, record.value().clone());
                    }
                }
            }
        }
        return first;
    }

    /** The day a proposal is for; null for anything that is not a proposal this revision understands. */
    private static LocalDate dayOf(ConsumerRecord<String, byte[]> record) {
        if (!TYPE.equals(TopicReaders.header(record, MessageHeaders.TYPE))
                || !Integer.toString(REVISION).equals(TopicReaders.header(record, MessageHeaders.REVISION))
                || record.value() == null || record.value().length != VisitorKeys.SECRET_BYTES
                || record.key() == null) {
            log.warn("Skipping record at offset {} of {}: not a {} revision {}", record.offset(), record.topic(),
                    TYPE, REVISION);
            return null;
        }
        try {
            return LocalDate.parse(record.key());
        } catch (DateTimeParseException e) {
            log.warn("Skipping record at offset {} of {}: key {} is not a date", record.offset(), record.topic(),
                    record.key());
            return null;
        }
    }
}
