package nl.publicaties.gateway.site.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every page type passes the W3C Nu HTML checker, run in-process (no network). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlValidityTest implements TestPropertyProvider {

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    private Visitor visitor;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend(
                "gateway.stats-circuit.failure-threshold", "1000");
    }

    @BeforeEach
    void setUp() {
        backends.reset();
        visitor = new Visitor(server.getURL().toString());
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenSeriesPageWithCounts_whenChecked_thenNoHtmlErrors() throws Exception {
        assertValid(visitor.get("/" + SLUG), 200);
    }

    @Test
    void givenSeriesPageWithoutCounts_whenChecked_thenNoHtmlErrors() throws Exception {
        backends.statsMode = RecordedBackends.Mode.ERROR;
        assertValid(visitor.get("/" + SLUG), 200);
    }

    @Test
    void givenIndexNotFoundAndCountingMethodPages_whenChecked_thenNoHtmlErrors() throws Exception {
        assertValid(visitor.get("/"), 200);
        assertValid(visitor.get("/bestaat-niet"), 404);
        assertValid(visitor.get("/over-de-downloadcijfers"), 200);
    }

    @Test
    void givenCatalogDown_whenUnavailablePageChecked_thenNoHtmlErrors() throws Exception {
        backends.catalogMode = RecordedBackends.Mode.ERROR;
        assertValid(visitor.get("/nog-nooit-geladen"), 503);
    }

    private static void assertValid(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode());
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.TEXT);
        String report = validator.validate(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        assertFalse(report.contains("Error:"), report);
        assertTrue(report.contains("No errors found"), report);
    }
}
