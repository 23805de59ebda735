package nl.publicaties.gateway.page.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.MONITOR_2022;
import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesPageTest implements TestPropertyProvider {

    private static final List<String> PROVINCES = List.of("Groningen", "Fryslân", "Drenthe", "Overijssel",
            "Flevoland", "Gelderland", "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant",
            "Limburg");

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private Visitor visitor;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend(
                "gateway.stats-timeout", "300ms",
                // the breaker has its own test; here every request must reach the stats backend
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
    void givenAllBackendsUp_whenSeriesPageRequested_thenThePublishedPageWithSizesAndCounts() {
        HttpResponse<String> response = visitor.get("/" + SLUG);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = response.body();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.contains("<html lang=\"nl\">"));
        assertTrue(html.contains("<h1>Monitor integriteit en veiligheid</h1>"));
        assertTrue(html.contains("Dit onderzoek geeft inzicht in de mate waarin politieke ambtsdragers"));
        assertTrue(html.contains("Stijging agressie en intimidatie tegen politieke ambtsdragers in provincies"));
        assertTrue(html.contains("PDF – 1,0 MB"));
        assertTrue(html.contains("366 downloads"));
        assertTrue(html.contains("PDF – 238,2 KB"));
        assertTrue(html.contains("PDF – 78,9 KB"));
        assertTrue(html.contains("<a class=\"document__link\" href=\"/documents/" + MONITOR_2022
                + "/monitor-integriteit-en-veiligheid-2022.pdf\"><span>Monitor integriteit en veiligheid 2022</span>"
                + "<span class=\"visually-hidden\"> (PDF, 1,0 MB)</span></a>"));
        assertInOrder(html, "<h2>Monitor 2022</h2>", "<h3>Factsheets per provincie</h3>",
                "<h2>Eerdere onderzoeken</h2>", "<h3>Monitor 2020</h3>", "<h3>Monitor 2018</h3>");
        PROVINCES.forEach(province -> assertTrue(html.contains("<th scope=\"row\">" + province + "</th>"), province));
        assertEquals(12, count(html, "<th scope=\"row\">"));
        assertTrue(html.contains("Het ministerie van BZK heeft I&amp;O Research gevraagd"));
        assertTrue(html.contains("<a class=\"skiplink\" href=\"#inhoud\">Direct naar de inhoud</a>"));
        assertTrue(html.contains("<main id=\"inhoud\""));
        assertTrue(html.contains("Downloadcijfers bijgewerkt op 28 november 2026 om 05:10."));
        assertTrue(html.contains("Telmethode 2026-1."), "the version the counting-method page points to");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
        assertFalse(html.toLowerCase(Locale.ROOT).contains("tijdelijk niet beschikbaar"));
    }

    @Test
    void givenSeriesPage_whenServed_thenSecurityAndCachingHeaders() {
        HttpResponse<String> response = visitor.get("/" + SLUG);

        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(response.headers().firstValue("Referrer-Policy").isPresent());
        assertTrue(response.headers().firstValue("ETag").isPresent());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-cache"));
    }

    @Test
    void givenAClientThatTakesGzip_whenTheCacheablePageIsSent_thenItSaysItVariesByAcceptEncoding() {
        HttpResponse<byte[]> response = visitor.getBytes("/" + SLUG, "Accept-Encoding", "gzip");

        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")),
                response.headers().map().toString());
        HttpResponse<byte[]> json = visitor.getBytes("/api/pages/" + SLUG, "Accept-Encoding", "gzip");
        assertTrue(json.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")),
                json.headers().map().toString());
    }

    @Test
    void givenUnchangedPage_whenRevalidatedWithItsETag_then304() {
        String etag = visitor.get("/" + SLUG).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revalidated = visitor.get("/" + SLUG, "If-None-Match", etag);

        assertEquals(304, revalidated.statusCode());
        assertEquals("", revalidated.body());
    }

    @Test
    void givenNewDownloadsCounted_whenPageReloaded_thenTheCountIsHigherAtOnce() {
        visitor.get("/" + SLUG);
        backends.extraCounted = 1;

        assertTrue(visitor.get("/" + SLUG).body().contains("367 downloads"));
    }

    @Test
    void givenStatsAnswersWithAnError_whenSeriesPageRequested_thenPageRendersWithCountsMarkedUnavailable() {
        backends.statsMode = RecordedBackends.Mode.ERROR;

        HttpResponse<String> response = visitor.get("/" + SLUG);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().toLowerCase(Locale.ROOT).contains("aantal downloads tijdelijk niet beschikbaar"));
        assertTrue(response.body().contains("PDF – 1,0 MB"));
        assertFalse(response.body().contains("366 downloads"));
    }

    @Test
    void givenStatsTooSlow_whenSeriesPageRequested_thenPageRendersWithinTheTimeoutWithoutCounts() {
        visitor.get("/" + SLUG);
        backends.statsMode = RecordedBackends.Mode.SLOW;

        long started = System.nanoTime();
        HttpResponse<String> response = visitor.get("/" + SLUG);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, response.statusCode());
        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertTrue(response.body().toLowerCase(Locale.ROOT).contains("aantal downloads tijdelijk niet beschikbaar"));
    }

    @Test
    void givenUnknownSlug_whenRequested_thenDutch404Page() {
        HttpResponse<String> response = visitor.get("/bestaat-niet");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("<html lang=\"nl\">"));
        assertTrue(response.body().contains("Pagina niet gevonden"));
    }

    @Test
    void givenStrangePaths_whenRequested_thenNotFoundOrBadRequestButNever500() {
        for (String path : List.of("/Hoofdletters", "/a%2Fb", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e", "/a/b/c/d",
                "/" + "x".repeat(200), "/api/pages/NIET_GELDIG", "/documents/..%2F..%2Fsecret")) {
            int status = visitor.get(path).statusCode();
            assertTrue(status == 404 || status == 400, path + " -> " + status);
        }
    }

    @Test
    void givenCatalogFailsAfterAGoodAnswer_whenPageRequested_thenLastGoodCopySaidToBeOutdated() {
        visitor.get("/" + SLUG);
        backends.catalogMode = RecordedBackends.Mode.ERROR;

        HttpResponse<String> response = visitor.get("/" + SLUG);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("u ziet de laatst bekende versie"));
        assertTrue(response.body().contains("366 downloads"));
    }

    @Test
    void givenAllBackendsUp_whenPageJsonRequested_thenTheSameMergedData() throws IOException {
        HttpResponse<String> response = visitor.get("/api/pages/" + SLUG);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Map<String, Object> page = readMap(response.body());
        assertEquals("Monitor integriteit en veiligheid", page.get("title"));
        assertEquals(true, page.get("countsAvailable"));
        assertEquals("2026-1", page.get("policyVersion"));
        assertEquals("2026-11-28T04:10:00Z", page.get("asOf"));
        List<Map<String, Object>> editions = list(page.get("editions"));
        assertEquals(List.of("Monitor 2022", "Monitor 2020", "Monitor 2018"),
                editions.stream().map(e -> e.get("label")).toList());
        Map<String, Object> rapport = list(editions.get(0).get("documents")).get(0);
        assertEquals(MONITOR_2022, rapport.get("documentId"));
        assertEquals("1,0 MB", rapport.get("size"));
        assertEquals("PDF", rapport.get("format"));
        assertEquals(Map.of("baseline", 366, "counted", 0, "total", 366), rapport.get("counts"));
        assertEquals(12, list(editions.get(0).get("regionalDocuments")).size());
    }

    @Test
    void givenStatsDown_whenPageJsonRequested_thenCountsNullAndFlaggedUnavailable() throws IOException {
        backends.statsMode = RecordedBackends.Mode.ERROR;

        Map<String, Object> page = readMap(visitor.get("/api/pages/" + SLUG).body());

        assertEquals(false, page.get("countsAvailable"));
        Map<String, Object> rapport = list(list(page.get("editions")).get(0).get("documents")).get(0);
        assertTrue(rapport.containsKey("counts"));
        assertEquals(null, rapport.get("counts"));
    }

    @Test
    void givenUnknownSlug_whenPageJsonRequested_thenProblemJson404() throws IOException {
        HttpResponse<String> response = visitor.get("/api/pages/bestaat-niet");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Map<String, Object> problem = readMap(response.body());
        assertEquals(404, problem.get("status"));
        assertEquals("/api/pages/bestaat-niet", problem.get("instance"));
    }

    @Test
    void givenCatalog_whenIndexRequested_thenEverySeriesLinked() {
        HttpResponse<String> response = visitor.get("/");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<a href=\"/" + SLUG + "\">Monitor integriteit en veiligheid</a>"));
    }

    @Test
    void givenGateway_whenStylesheetHealthAndCountingMethodRequested_thenServed() {
        HttpResponse<String> css = visitor.get("/static/gateway.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.body().contains("@media print"));

        HttpResponse<String> health = visitor.get("/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("UP"));

        assertEquals(200, visitor.get("/over-de-downloadcijfers").statusCode());
    }

    private Map<String, Object> readMap(String body) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.readValue(body, Map.class);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "missing or out of order: " + part);
            from = at + part.length();
        }
    }
}
