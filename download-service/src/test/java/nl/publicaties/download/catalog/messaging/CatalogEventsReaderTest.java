package nl.publicaties.download.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentRestored;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.download.catalog.query.DocumentLookup;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.TopicReaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.ConsumerFactory;

/**
 * The reader's catch-up and filtering logic against Kafka's in-memory {@link MockConsumer} (the real broker runs in
 * {@code DocumentDownloadIT}): a broker that cannot say where the topic ends is asked again before anything is read,
 * so readiness never comes from a half-read view.
 */
class CatalogEventsReaderTest {

    private static final String DOCUMENT = "0f5a8e1c-6b2d-4c1e-9a7b-000000000001";
    private static final String EDITION = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022";
    private static final TopicPartition PARTITION = new TopicPartition(Topics.CATALOG_EVENTS, 0);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DocumentView view = new DocumentView();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger endOffsetAnswers = new AtomicInteger();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions,
                Duration timeout) {
            if (endOffsetAnswers.incrementAndGet() == 1) {
                throw new TimeoutException("Failed to get offsets by times in " + timeout.toMillis() + "ms");
            }
            return super.endOffsets(partitions, timeout);
        }
    };
    private final CatalogEventsReader reader = new CatalogEventsReader(new TopicReaders(new OnlyConsumer(consumer)),
            JSON, view, meters);

    @AfterEach
    void stop() {
        reader.stop();
    }

    @Test
    void givenTheEndOffsetsTimeOutOnce_whenReading_thenAskedAgainAndReadyOnlyOnceEverythingOnTheTopicAtStartIsRead() {
        onTopic(5);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, "m-1", DocumentAdded.TYPE, "1", added()));
            consumer.addRecord(record(1, "m-2", EditionPublished.TYPE, "1",
                    new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 15))));
        });

        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> view.documentCount() == 1);
        assertThat(endOffsetAnswers).as("asked again after the timeout").hasValueGreaterThanOrEqualTo(2);
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() -> !reader.isCaughtUp());

        // the rest of what was on the topic at start, ending with the publisher's copy of the withdrawal after a
        // crash: read twice it would undo the restore between them
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(2, "m-3", DocumentWithdrawn.TYPE, "1", withdrawn()));
            consumer.addRecord(record(3, "m-4", DocumentRestored.TYPE, "1", new DocumentRestored(DOCUMENT, EDITION, "series", 1)));
            consumer.addRecord(record(4, "m-3", DocumentWithdrawn.TYPE, "1", withdrawn()));
        });
        await().atMost(Duration.ofSeconds(5)).until(reader::isCaughtUp);
        assertThat(meters.counter("download.catalog.events.ignored", "reason", "redelivered").count()).isEqualTo(1);
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Servable.class);
    }

    @Test
    void givenAnUnknownTypeAndANewerRevision_whenRead_thenLeftOutAndCounted_notHalfRead() {
        onTopic(3);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, "m-1", DocumentAdded.TYPE, "1", added()));
            consumer.addRecord(record(1, "m-2", EditionPublished.TYPE, "1",
                    new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 15))));
            consumer.addRecord(record(2, "m-3", "DocumentDeleted", "1", Map.of("documentId", DOCUMENT)));
            consumer.addRecord(record(3, "m-4", DocumentWithdrawn.TYPE, "2", withdrawn()));
        });

        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> meters.counter("download.catalog.events.ignored",
                "reason", "newer-revision").count() == 1);
        assertThat(meters.counter("download.catalog.events.ignored", "reason", "unknown-type").count()).isEqualTo(1);
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Servable.class);
    }

    private void onTopic(long records) {
        consumer.updatePartitions(Topics.CATALOG_EVENTS,
                List.of(new PartitionInfo(Topics.CATALOG_EVENTS, 0, null, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, records));
    }

    private static DocumentWithdrawn withdrawn() {
        return new DocumentWithdrawn(DOCUMENT, EDITION, "out of date");
    }

    private static DocumentAdded added() {
        return new DocumentAdded(DOCUMENT, EDITION, "series", "Monitor 2022", "rapport", null, null, null, "nl", 1,
                "monitor-2022.pdf", "application/pdf", 1_000, "a".repeat(64));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String messageId, String type, String revision,
            Object event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(MessageHeaders.REVISION, revision.getBytes(StandardCharsets.UTF_8));
        headers.add(MessageHeaders.MESSAGE_ID, messageId.getBytes(StandardCharsets.UTF_8));
        byte[] value = JSON.writeValueAsBytes(event);
        return new ConsumerRecord<>(Topics.CATALOG_EVENTS, 0, offset, 1_700_000_000_000L + offset,
                TimestampType.LOG_APPEND_TIME, -1, value.length, EDITION, value, headers, Optional.empty());
    }

    /** A consumer factory that hands out the one mock consumer. */
    private record OnlyConsumer(Consumer<String, byte[]> consumer) implements ConsumerFactory<String, byte[]> {
        @Override
        public Consumer<String, byte[]> createConsumer(String groupId, String clientIdPrefix, String clientIdSuffix,
                Properties properties) {
            return consumer;
        }

        @Override
        public boolean isAutoCommit() {
            return false;
        }
    }
}
