package nl.publicaties.gateway.download.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.MONITOR_2022;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadDownloadBackendTest implements TestPropertyProvider {

    private static final String RAPPORT_2022 = "/documents/" + MONITOR_2022 + "/monitor-integriteit-en-veiligheid-2022.pdf";

    private final String deadDownload = RecordedBackends.deadUrl();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.http.services.download.urls", deadDownload);
    }

    @Test
    void givenDownloadServiceDown_whenDocumentRequested_thenDutch502WithoutTheBackendAddress() {
        HttpResponse<String> response = new Visitor(server.getURL().toString()).get(RAPPORT_2022);

        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("Download tijdelijk niet beschikbaar"));
        String port = deadDownload.substring(deadDownload.lastIndexOf(':') + 1);
        assertFalse(response.body().contains(port), "leaks the backend port");
        assertFalse(response.body().contains("127.0.0.1"), "leaks the backend host");
    }

    @Test
    void givenDownloadServiceDown_whenApiClientAsks_thenProblemJson502() {
        HttpResponse<String> response = new Visitor(server.getURL().toString())
                .get(RAPPORT_2022, "Accept", "application/json");

        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(response.body().contains("127.0.0.1"));
    }
}
