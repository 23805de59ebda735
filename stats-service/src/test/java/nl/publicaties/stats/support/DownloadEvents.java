package nl.publicaties.stats.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code downloads.requested} the way download-service does (JSON value, type headers, key = document id). */
public final class DownloadEvents implements AutoCloseable {

    private final String brokers;
    private final JsonMapper json;
    private final KafkaProducer<String, byte[]> producer;

    DownloadEvents(String brokers, JsonMapper json) {
        this.brokers = brokers;
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public void send(DownloadRequested event) {
        sendRaw(event.documentId(), DownloadRequested.TYPE, event.eventId(), json.writeValueAsBytes(event));
    }

    /** As a misbehaving producer or a replay from elsewhere could: on a partition its key does not hash to. */
    public void sendToPartition(int partition, DownloadRequested event) {
        send(new ProducerRecord<>(Topics.DOWNLOADS_REQUESTED, partition, event.documentId(), json.writeValueAsBytes(event)),
                DownloadRequested.TYPE, event.eventId());
    }

    /** A catalog event as catalog-service publishes it (key = edition id, series id for a series). */
    public void sendCatalog(String key, String eventType, Object event) {
        send(new ProducerRecord<>(Topics.CATALOG_EVENTS, key, json.writeValueAsBytes(event)), eventType, UUID.randomUUID().toString());
    }

    public void sendRaw(String key, String eventType, String messageId, byte[] value) {
        send(new ProducerRecord<>(Topics.DOWNLOADS_REQUESTED, key, value), eventType, messageId);
    }

    private void send(ProducerRecord<String, byte[]> record, String eventType, String messageId) {
        record.headers().add(MessageHeaders.TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.REVISION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.MESSAGE_ID, messageId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write test event", e);
        }
    }

    /** Everything on the topic so far, read by a fresh consumer group from the beginning. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (emptyPolls < 3 && System.nanoTime() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(500));
                if (polled.isEmpty() && !consumer.assignment().isEmpty()) {
                    emptyPolls++;
                }
                polled.forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
