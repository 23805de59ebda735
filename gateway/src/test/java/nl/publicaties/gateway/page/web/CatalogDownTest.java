package nl.publicaties.gateway.page.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogDownTest implements TestPropertyProvider {

    private final RecordedBackends backends = new RecordedBackends();
    private final String deadCatalog = RecordedBackends.deadUrl();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.catalog.url", deadCatalog,
                "micronaut.http.services.stats.url", backends.url(),
                "micronaut.http.services.download.urls", backends.url());
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenCatalogUnreachableAndNoCopy_whenSeriesPageRequested_thenDutch503WithRetryAfter() {
        HttpResponse<String> response = new Visitor(server.getURL().toString()).get("/" + SLUG);

        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("<html lang=\"nl\">"));
        assertTrue(response.body().contains("Pagina tijdelijk niet beschikbaar"));
        assertFalse(response.body().contains(deadCatalog.substring("http://".length())), "leaks the backend address");
    }

    @Test
    void givenCatalogUnreachable_whenPageJsonRequested_thenProblemJson503WithRetryAfter() {
        HttpResponse<String> response = new Visitor(server.getURL().toString()).get("/api/pages/" + SLUG);

        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("\"status\":503"));
    }

    @Test
    void givenCatalogUnreachable_whenIndexRequested_thenDutch503() {
        HttpResponse<String> response = new Visitor(server.getURL().toString()).get("/");

        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
    }
}
