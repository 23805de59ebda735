package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An instance that refuses downloads (503: its spool is full, or it has not read the catalog yet; nothing was
 * served or recorded) before its next health check notices (here the checks are an hour apart): the request goes
 * to an instance that has not refused it. Only when every instance refuses does the visitor get the Dutch 503
 * page, with the service's Retry-After, and each instance was asked once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadRefusalTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final DownloadStandIn full;
    private final DownloadStandIn other;

    @Inject
    EmbeddedServer server;

    DownloadRefusalTest() throws IOException {
        full = new DownloadStandIn("full");
        other = new DownloadStandIn("other");
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", full.url() + "," + other.url(),
                "gateway.download-instances.health-check", "true",
                "gateway.download-instances.health-check-interval", "1h",
                "gateway.download-instances.health-check-timeout", "10s");
    }

    @AfterEach
    void serving() {
        full.refusing = false;
        other.refusing = false;
    }

    @AfterAll
    void stopInstances() {
        full.stop();
        other.stop();
    }

    @Test
    void givenAnInstanceThatRefuses_whenDocumentsAreRequested_thenTheOtherServesEveryOne() {
        full.refusing = true;
        int before = hits();
        for (int i = 0; i < 8; i++) {
            var response = visitor().get(DOCUMENT);
            assertEquals(200, response.statusCode(), "request " + i);
            assertEquals("other", response.body());
        }
        assertTrue(hits() - before <= 16, "at most one refusal per request");
    }

    @Test
    void givenEveryInstanceRefusing_whenADocumentIsRequested_thenTheDutch503Page_withRetryAfter_eachAskedOnce() {
        full.refusing = true;
        other.refusing = true;
        int before = hits();
        var response = visitor().get(DOCUMENT, "Accept", "text/html");
        assertEquals(503, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(""));
        assertTrue(response.body().contains("Download tijdelijk niet beschikbaar"));
        assertEquals(2, hits() - before);
    }

    private int hits() {
        return full.hits.get() + other.hits.get();
    }

    private Visitor visitor() {
        return new Visitor(server.getURL().toString());
    }
}
