package nl.publicaties.download.recording;

import static nl.publicaties.download.CatalogEventsMother.document;
import static nl.publicaties.download.CatalogEventsMother.publish;
import static nl.publicaties.download.CatalogEventsMother.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.download.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog view reads the real broker, but the producer points at a port where no broker listens: every
 * download must still be served at once, and every lost DownloadRequested must be counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.producer.bootstrap-servers=localhost:9",
        "spring.kafka.producer.properties.max.block.ms=1000",
        "download.instance-id=download-no-kafka"})
class RecordingWithoutKafkaIT {

    static final String EDITION_2020 = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002020";
    static final String MONITOR_2020 = "0f5a8e1c-6b2d-4c1e-9a7b-202000000001";
    static final String FILE = "monitor-integriteit-en-veiligheid-2020.pdf";
    static final Path BLOB_DIR;
    static final byte[] BYTES = new byte[70_000];

    static {
        try {
            BLOB_DIR = Files.createTempDirectory("recording-it-blobs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        new Random(2020).nextBytes(BYTES);
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("download.blob-dir", BLOB_DIR::toString);
    }

    @BeforeAll
    static void monitor2020Published() throws IOException {
        String sha256 = new FileSystemBlobStore(BLOB_DIR).put(new ByteArrayInputStream(BYTES), BYTES.length).sha256();
        publish(document(MONITOR_2020, EDITION_2020, 1, "Monitor integriteit en veiligheid 2020", FILE, BYTES.length,
                sha256));
        publish(published(EDITION_2020));
    }

    @Test
    void givenKafkaUnreachableForRecording_whenDownloading_thenEveryDownloadServedAndLossesCounted()
            throws Exception {
        URI uri = URI.create("http://localhost:" + port + "/documents/" + MONITOR_2020 + "/" + FILE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(200));

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(BYTES);
        }
        // Each send waits max.block.ms (1 s) for metadata on the sender thread; the downloads must not.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                meters.find("download.events.publish.failures").counters().stream()
                        .mapToDouble(Counter::count).sum()).isGreaterThanOrEqualTo(2));
        assertThat(meters.find("download.events.published").counter().count()).isZero();
    }
}
