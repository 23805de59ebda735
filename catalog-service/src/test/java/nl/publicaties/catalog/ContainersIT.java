package nl.publicaties.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The catalog on the images docker-compose uses (PostgreSQL 16, Apache Kafka 4.1.2) instead of the embedded
 * servers: the seed lands in the event store, the page answers and the events reach {@code catalog.events}.
 * Runs only where a Docker engine exists (skipped cleanly on the build machines, which have none); the
 * embedded-server ITs are the path that always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainersIT {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("catalog.blob-dir", () -> Path.of("target", "containers-blobs").toAbsolutePath().toString());
        registry.add("catalog.security.editor-token-file",
                () -> Path.of("target", "containers-editor-token-" + UUID.randomUUID()).toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void givenTheComposeImages_whenTheCatalogStarts_thenTheSeedPageAnswersAndItsEventsAreOnKafka() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://localhost:" + port + "/api/series/monitor-integriteit-en-veiligheid");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        Set<String> types = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "containers-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOG_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    types.add(new String(record.headers().lastHeader(MessageHeaders.TYPE).value(), StandardCharsets.UTF_8));
                }
                return types.containsAll(Set.of("SeriesRegistered", "EditionCreated", "DocumentAdded", "EditionPublished"));
            });
        }
        assertThat(types).contains("SeriesRegistered", "EditionCreated", "DocumentAdded", "EditionPublished");
    }
}
