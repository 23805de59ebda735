import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.EditionPublished;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark fixture (run by run.sh with download-service's test classpath): a real KRaft broker on a random
 * loopback port, the given PDFs in a blob store, and catalog events publishing them exactly as catalog-service
 * would. Writes the bootstrap address to {@code <work>/bootstrap} and runs until killed.
 * Arguments: work dir, then pairs of document id and PDF file.
 */
public class BenchCatalog {

    static final String SERIES = "7c1e4f52-0d7e-4b7a-9a53-5e1f00000001";
    static final String EDITION = "7c1e4f52-0d7e-4b7a-9a53-5e1f0000b000";

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.CATALOG_EVENTS);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));

        JsonMapper json = JsonMapper.builder().build();
        FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 1; i + 1 < args.length; i += 2) {
                Path pdf = Path.of(args[i + 1]);
                String sha256;
                try (InputStream in = Files.newInputStream(pdf)) {
                    sha256 = blobs.put(in, Files.size(pdf)).sha256();
                }
                DocumentAdded added = new DocumentAdded(args[i], EDITION, SERIES, "Benchmark " + pdf.getFileName(),
                        "rapport", "politieke ambtsdragers", null, null, "nl", i, pdf.getFileName().toString(),
                        "application/pdf", Files.size(pdf), sha256);
                send(producer, json, added, DocumentAdded.TYPE, DocumentAdded.REVISION);
            }
            send(producer, json, new EditionPublished(EDITION, SERIES, LocalDate.of(2026, 11, 28)),
                    EditionPublished.TYPE, EditionPublished.REVISION);
        }
        Files.writeString(work.resolve("bootstrap"), broker.getBrokersAsString(), StandardCharsets.UTF_8);
        System.out.println("catalog published on " + broker.getBrokersAsString());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void send(KafkaProducer<String, String> producer, JsonMapper json, Record event, String type,
            int revision) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CATALOG_EVENTS, EDITION,
                json.writeValueAsString(event));
        record.headers().add(MessageHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8))
                .add(MessageHeaders.REVISION, Integer.toString(revision).getBytes(StandardCharsets.UTF_8))
                .add(MessageHeaders.MESSAGE_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }
}
