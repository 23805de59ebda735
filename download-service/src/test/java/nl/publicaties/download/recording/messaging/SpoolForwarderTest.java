package nl.publicaties.download.recording.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.recording.config.SpoolProperties;
import nl.publicaties.download.recording.storage.Spool;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.ProducerFactory;

/** The forwarder takes a spooled event's key and message id from its JSON without binding the whole event. */
class SpoolForwarderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void givenSpooledEvent_whenReadingItsKeys_thenEventIdAndDocumentId() {
        DownloadRequested event = new DownloadRequested("9b2f0e3a-1c4d-4e5f-8a6b-7c8d9e0f1a2b",
                "0f5a8e1c-6b2d-4c1e-9a7b-202200000001", "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022",
                Instant.parse("2026-11-28T12:00:00Z"), "GET", 206, 0L, 99L, 100, "Mozilla/5.0 {\"x\": [1]}",
                "AAAAAAAAAAAAAAAAAAAAAA", "download-1");

        SpoolForwarder.RecordKeys keys = SpoolForwarder.keysOf(JSON, JSON.writeValueAsBytes(event));

        assertThat(keys).isEqualTo(new SpoolForwarder.RecordKeys(event.eventId(), event.documentId()));
    }

    @Test
    void givenPropertiesInAnotherOrder_whenReadingKeys_thenStillFound() {
        byte[] json = "{\"status\":200,\"range\":{\"a\":[1,2]},\"documentId\":\"d\",\"eventId\":\"e\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(SpoolForwarder.keysOf(JSON, json)).isEqualTo(new SpoolForwarder.RecordKeys("e", "d"));
    }

    @Test
    void givenRecordThatIsNoEvent_whenReadingKeys_thenRefused() {
        assertThatThrownBy(() -> SpoolForwarder.keysOf(JSON, "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpoolForwarder.keysOf(JSON, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpoolForwarder.keysOf(JSON, "{\"eventId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void givenARoundWhoseThirdRecordFailed_whenAllAreAnswered_thenOnlyTheFirstTwoCountAsForwarded() throws Exception {
        SpoolForwarder.Round round = new SpoolForwarder.Round(5);
        round.completed(3, null); // another partition: acknowledged, but after the gap
        round.completed(0, null);
        round.completed(2, new IllegalStateException("broker gone"));
        round.completed(1, null);
        round.completed(4, null);

        assertThat(round.await(5, 1_000)).isTrue();
        assertThat(round.acknowledgedPrefix()).isEqualTo(2);
        assertThat(round.failure()).hasMessage("broker gone");
    }

    @Test
    void givenARoundWithAnUnansweredRecord_whenWaiting_thenTheWaitEndsAndItIsNotForwarded() throws Exception {
        SpoolForwarder.Round round = new SpoolForwarder.Round(3);
        round.completed(0, null);
        round.completed(2, null);

        assertThat(round.await(3, 50)).isFalse();
        assertThat(round.acknowledgedPrefix()).isEqualTo(1);
        assertThat(round.failure()).isNull();
    }

    @Test
    void givenTheSharedProducerClosedItself_whenForwarding_thenTheNextRoundAsksTheFactoryAgainAndForwards(
            @TempDir Path dir) throws Exception {
        // The factory's shared producer closes itself after an OutOfOrderSequenceException; the factory then
        // hands out a new one. A forwarder that kept the old one would fail every round from then on.
        MockProducer<String, byte[]> closed = producer();
        closed.close();
        MockProducer<String, byte[]> fresh = producer();
        Deque<MockProducer<String, byte[]>> handedOut = new ArrayDeque<>(List.of(closed));
        ProducerFactory<String, byte[]> factory = () -> handedOut.isEmpty() ? fresh : handedOut.poll();

        DownloadRequested event = forwardOneEvent(dir, factory, Duration.ofSeconds(10));

        assertThat(fresh.history()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(event.documentId());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(event.eventId());
        });
    }

    @Test
    void givenAProducerInItsFatalErrorState_whenForwarding_thenTheFactoryIsToldToMakeANewOneAndForwardingGoesOn(
            @TempDir Path dir) throws Exception {
        // An idempotent producer that got, say, a ClusterAuthorizationException fails every later send; Spring's
        // factory replaces its shared producer only after an OutOfOrderSequenceException, and hands out the
        // broken one forever unless it is reset.
        MockProducer<String, byte[]> broken = producer();
        broken.sendException = new KafkaException("Cannot execute transactional method because we are in an error"
                + " state", new ClusterAuthorizationException("Cluster authorization failed."));
        MockProducer<String, byte[]> fresh = producer();
        Resettable factory = new Resettable(broken, fresh);

        forwardOneEvent(dir, factory, Duration.ofSeconds(15));

        assertThat(factory.resets).isPositive();
        assertThat(fresh.history()).hasSize(1);
    }

    @Test
    void givenKafkaAwayAndAnUnreadableRecordFirst_whenARoundSkipsIt_thenNothingCountsAsPublishedOrAsKafkaReached(
            @TempDir Path dir) throws Exception {
        MockProducer<String, byte[]> away = producer();
        away.sendException = new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Spool spool = spool(dir)) {
            spool.append("not an event".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            spool.append(JSON.writeValueAsBytes(event("9b2f0e3a-1c4d-4e5f-8a6b-7c8d9e0f1a2b"))).get(5, TimeUnit.SECONDS);
            SpoolForwarder forwarder = forwarder(spool, () -> away, meters, properties(dir, null));
            forwarder.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("download.events.publish.failures")
                        .tag("reason", "kafka").counter().count() >= 2);
                assertThat(meters.get("download.events.published").counter().count()).isZero();
                assertThat(forwarder.reachesKafka()).isFalse();
                assertThat(forwarder.lastAcknowledgedAt()).isNull();
            } finally {
                forwarder.stop();
            }
        }
    }

    @Test
    void givenARoundWaitingLongForKafka_whenAnEarlierRoundWasAcknowledged_thenItsPositionIsPersistedMeanwhile(
            @TempDir Path dir) throws Exception {
        // shared, as the factory's is: closing it after a round leaves it open
        MockProducer<String, byte[]> slow = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public void close() {
            }
        };
        try (Spool spool = spool(dir)) {
            for (int i = 0; i < 4; i++) {
                spool.append(JSON.writeValueAsBytes(event("9b2f0e3a-1c4d-4e5f-8a6b-7c8d9e0f1a2" + i)))
                        .get(5, TimeUnit.SECONDS);
            }
            SpoolForwarder forwarder = forwarder(spool, () -> slow, new SimpleMeterRegistry(), properties(dir, 2));
            forwarder.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> slow.history().size() == 2);
                slow.completeNext();
                slow.completeNext();
                // the second round (records 3 and 4) now waits for answers that do not come
                await().atMost(Duration.ofSeconds(5)).until(() -> slow.history().size() == 4);
                long firstRound = spool.forwardedPosition();
                assertThat(firstRound).isPositive().isLessThan(spool.durableEnd());
                await().atMost(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(spool.committedPosition()).isEqualTo(firstRound));
            } finally {
                forwarder.stop();
            }
        }
    }

    @Test
    void givenAnErrorRatherThanAnExceptionInARound_whenForwarding_thenTheForwarderLivesOnAndForwards(
            @TempDir Path dir) throws Exception {
        MockProducer<String, byte[]> producer = producer();
        java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        ProducerFactory<String, byte[]> factory = () -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new OutOfMemoryError("Java heap space (a test's)");
            }
            return producer;
        };

        forwardOneEvent(dir, factory, Duration.ofSeconds(15));

        assertThat(producer.history()).hasSize(1);
    }

    /**
     * Spools one event and runs a forwarder until the event is forwarded (within {@code patience}), its thread alive
     * at the end; the event.
     */
    private static DownloadRequested forwardOneEvent(Path dir, ProducerFactory<String, byte[]> factory,
            Duration patience) throws Exception {
        DownloadRequested event = event("9b2f0e3a-1c4d-4e5f-8a6b-7c8d9e0f1a2b");
        try (Spool spool = spool(dir)) {
            spool.append(JSON.writeValueAsBytes(event)).get(5, TimeUnit.SECONDS);
            SpoolForwarder forwarder = forwarder(spool, factory, new SimpleMeterRegistry(), properties(dir, null));
            forwarder.start();
            try {
                await().atMost(patience)
                        .untilAsserted(() -> assertThat(spool.forwardedPosition()).isEqualTo(spool.durableEnd()));
                assertThat(forwarder.isForwarding()).isTrue();
            } finally {
                forwarder.stop();
            }
        }
        return event;
    }

    /** A factory whose shared producer is broken until it is reset, as Spring's is. */
    private static final class Resettable implements ProducerFactory<String, byte[]> {
        private final MockProducer<String, byte[]> fresh;
        private volatile MockProducer<String, byte[]> current;
        private volatile int resets;

        Resettable(MockProducer<String, byte[]> broken, MockProducer<String, byte[]> fresh) {
            this.current = broken;
            this.fresh = fresh;
        }

        @Override
        public org.apache.kafka.clients.producer.Producer<String, byte[]> createProducer() {
            return current;
        }

        @Override
        public void reset() {
            resets++;
            current = fresh;
        }
    }

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static Spool spool(Path dir) throws java.io.IOException {
        return Spool.open(dir, 1 << 20, 4 << 20, System::currentTimeMillis, Spool.Listener.NONE);
    }

    private static SpoolProperties properties(Path dir, Integer forwardBatch) {
        return new SpoolProperties(null, dir, null, null, null, null, null, forwardBatch, null, null, null, null);
    }

    private static SpoolForwarder forwarder(Spool spool, ProducerFactory<String, byte[]> factory,
            SimpleMeterRegistry meters, SpoolProperties properties) {
        return new SpoolForwarder(spool, factory, JSON, meters, properties);
    }

    private static DownloadRequested event(String eventId) {
        return new DownloadRequested(eventId, "0f5a8e1c-6b2d-4c1e-9a7b-202200000001",
                "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022", Instant.parse("2026-11-28T12:00:00Z"), "GET", 200, null, null,
                100, "Mozilla/5.0", "AAAAAAAAAAAAAAAAAAAAAA", "download-1");
    }
}
