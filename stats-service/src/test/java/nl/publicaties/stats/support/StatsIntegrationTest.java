package nl.publicaties.stats.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import nl.publicaties.contracts.counts.DocumentCounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
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

    protected static final String ANALYST_TOKEN = "analist-test-token";
    /** printf %s analist-test-token | sha256sum */
    static final String ANALYST_TOKEN_SHA256 = java.util.HexFormat.of().formatHex(sha256(ANALYST_TOKEN));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    private JdbcTemplate storedFigures;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedServers::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", EmbeddedServers::kafkaBrokers);
        registry.add("stats.analyst.token-sha256", () -> ANALYST_TOKEN_SHA256);
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

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
    }

    protected HttpResponse<String> getAsAnalyst(String pathAndQuery) {
        return send(request(pathAndQuery).header("Authorization", "Bearer " + ANALYST_TOKEN).GET());
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
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

    /**
     * The batch call's entry once it shows what the live series holds in the database: the call answers from an
     * in-memory snapshot that follows the database within {@code stats.counts.refresh-interval}.
     */
    protected DocumentCounts.Entry settledCountsOf(String documentId) {
        // both read on every poll: events still being projected move the database value while we wait
        DocumentCounts.Entry[] settled = new DocumentCounts.Entry[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Long> stored = storedFigures.queryForList("""
                    select counted_events from document_count
                    where series_id = (select series_id from counting_series where live) and document_id = ?::uuid
                    """, Long.class, documentId);
            long counted = stored.isEmpty() ? 0 : stored.get(0);
            settled[0] = countsOf(documentId);
            return settled[0].counted() == counted;
        });
        return settled[0];
    }
}
