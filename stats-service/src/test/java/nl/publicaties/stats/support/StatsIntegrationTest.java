package nl.publicaties.stats.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import nl.publicaties.contracts.counts.DocumentCounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every integration test: the whole service on a real port, against the JVM's one PostgreSQL and
 * one Kafka broker. All subclasses share one application context, so tests use their own document ids
 * (or measure differences) instead of expecting empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StatsIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedServers::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", EmbeddedServers::kafkaBrokers);
    }

    protected DownloadEvents downloadEvents() {
        return new DownloadEvents(EmbeddedServers.kafkaBrokers(), json);
    }

    protected HttpResponse<String> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected DocumentCounts counts(String... documentIds) {
        HttpResponse<String> response = get("/api/counts?ids=" + String.join(",", documentIds));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/counts answered " + response.statusCode() + ": " + response.body());
        }
        return json.readValue(response.body(), DocumentCounts.class);
    }

    protected DocumentCounts.Entry countsOf(String documentId) {
        return counts(documentId).documents().get(0);
    }
}
