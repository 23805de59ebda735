package nl.publicaties.download;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes catalog events exactly as catalog-service puts them on the wire (key edition id, JSON value,
 * event-type / event-revision / message-id headers), named after documents of the seed page.
 */
public final class CatalogEventsMother {

    public static final String SERIES = "7c1e4f52-0d7e-4b7a-9a53-5e1f00000001";
    public static final String EDITION_2022 = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022";
    public static final String EDITION_2024_DRAFT = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002024";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CatalogEventsMother() {
    }

    public static DocumentAdded document(String documentId, String editionId, int position, String title,
            String fileName, long sizeBytes, String sha256) {
        return new DocumentAdded(documentId, editionId, SERIES, title, "rapport", "politieke ambtsdragers", null,
                null, "nl", position, fileName, "application/pdf", sizeBytes, sha256);
    }

    public static EditionPublished published(String editionId) {
        return new EditionPublished(editionId, SERIES, LocalDate.of(2022, 11, 15));
    }

    public static DocumentWithdrawn withdrawn(String documentId, String editionId) {
        return new DocumentWithdrawn(documentId, editionId, "vervangen door gecorrigeerde versie");
    }

    public static void publish(String key, Record event, String type, int revision) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.CATALOG_EVENTS, key, JSON.writeValueAsString(event));
            record.headers()
                    .add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8))
                    .add(MessageHeaders.REVISION, Integer.toString(revision).getBytes(StandardCharsets.UTF_8))
                    .add(MessageHeaders.MESSAGE_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    public static void publish(DocumentAdded event) {
        publish(event.editionId(), event, DocumentAdded.TYPE, DocumentAdded.REVISION);
    }

    public static void publish(EditionPublished event) {
        publish(event.editionId(), event, EditionPublished.TYPE, EditionPublished.REVISION);
    }

    public static void publish(DocumentWithdrawn event) {
        publish(event.editionId(), event, DocumentWithdrawn.TYPE, DocumentWithdrawn.REVISION);
    }
}
