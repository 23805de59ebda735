package nl.publicaties.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import nl.publicaties.catalog.security.storage.Credentials;
import nl.publicaties.catalog.seed.SeedManifest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service against a real PostgreSQL and a real Kafka broker (one each per JVM, see
 * {@link TestInfrastructure}). All subclasses share one Spring context, so the seed is imported once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

    protected static final String SLUG = "monitor-integriteit-en-veiligheid";
    protected static final Path BLOB_DIR = Path.of("target", "it-blobs").toAbsolutePath();
    /** Fresh per run: the database is, so a token file left by an earlier run would not match. */
    protected static final Path EDITOR_TOKEN_FILE = Path.of("target", "it-editor-token-" + UUID.randomUUID())
            .toAbsolutePath();
    protected static final String AUDITOR_TOKEN = "auditor-token-used-only-in-tests";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestInfrastructure::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().getBrokersAsString());
        registry.add("catalog.blob-dir", BLOB_DIR::toString);
        registry.add("catalog.security.editor-token-file", EDITOR_TOKEN_FILE::toString);
        registry.add("catalog.security.credentials[0].name", () -> "auditor");
        registry.add("catalog.security.credentials[0].role", () -> "AUDITOR");
        registry.add("catalog.security.credentials[0].token-sha256", () -> Credentials.sha256(AUDITOR_TOKEN));
        registry.add("catalog.upload.max-size", () -> "3MB");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected String editorToken() throws IOException {
        return Files.readString(EDITOR_TOKEN_FILE).strip();
    }

    protected HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body,
                                        String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> sendJson(String method, String path, String token, Object body, String... headers)
            throws IOException, InterruptedException {
        return send(method, path, token, "application/json", json.writeValueAsBytes(body), headers);
    }

    protected SeedManifest manifest() throws IOException {
        try (InputStream in = new ClassPathResource("seed/" + SLUG + ".json").getInputStream()) {
            return json.readValue(in, SeedManifest.class);
        }
    }
}
