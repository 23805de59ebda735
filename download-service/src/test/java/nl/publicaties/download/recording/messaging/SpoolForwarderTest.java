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
        MockProducer<String, byte[]> closed =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        closed.close();
        MockProducer<String, byte[]> fresh =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        Deque<MockProducer<String, byte[]>> handedOut = new ArrayDeque<>(List.of(closed));
        ProducerFactory<String, byte[]> factory = () -> handedOut.isEmpty() ? fresh : handedOut.poll();
        DownloadRequested event = new DownloadRequested("9b2f0e3a-1c4d-4e5f-8a6b-7c8d9e0f1a2b",
                "0f5a8e1c-6b2d-4c1e-9a7b-202200000001", "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022",
                Instant.parse("2026-11-28T12:00:00Z"), "GET", 200, null, null, 100, "Mozilla/5.0",
                "AAAAAAAAAAAAAAAAAAAAAA", "download-1");
        try (Spool spool = Spool.open(dir, 1 << 20, 4 << 20, System::currentTimeMillis, Spool.Listener.NONE)) {
            spool.append(JSON.writeValueAsBytes(event)).get(5, TimeUnit.SECONDS);
            SpoolForwarder forwarder = new SpoolForwarder(spool, factory, JSON, new SimpleMeterRegistry(),
                    new SpoolProperties(null, dir, null, null, null, null, null, null, null, null, null, null));
            forwarder.start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(spool.forwardedPosition()).isEqualTo(spool.durableEnd()));
            } finally {
                forwarder.stop();
            }
        }

        assertThat(fresh.history()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(event.documentId());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(event.eventId());
        });
    }
}
