package nl.publicaties.gateway.site.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.publicaties.gateway.testsupport.RawHttp;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Only the public routes exist: the backends' admin, analyst, actuator and internal APIs cannot be reached through
 * the gateway by any spelling of their path, and strange or oversized requests get a 4xx, never a 500. The
 * recorded backends answer 200 on every such route, so a request the gateway forwarded would show.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicRoutesTest implements TestPropertyProvider {

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    private RawHttp http;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend();
    }

    @BeforeEach
    void setUp() {
        backends.reset();
        http = new RawHttp(server.getURL());
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenAnAcceptHeaderAPageCannotMeet_whenRequested_then406InDutch() {
        Visitor visitor = new Visitor(server.getURL().toString());

        HttpResponse<String> page = visitor.get("/" + SLUG, "Accept", "application/pdf");
        HttpResponse<String> api = visitor.get("/api/pages/" + SLUG, "Accept", "text/csv");

        assertEquals(406, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<html lang=\"nl\"") && page.body().contains("Niet beschikbaar in deze vorm"),
                page.body());
        assertEquals(406, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                api.headers().toString());
        assertTrue(api.body().contains("Niet beschikbaar in deze vorm"), api.body());
    }

    @Test
    void givenBackendOnlyRoutes_whenRequestedThroughTheGateway_thenNotFoundAndNeverForwarded() {
        List<String> internal = List.of(
                "/api/admin/series", "/api/admin/editions/x/publish", "/api/analyst/downloads",
                "/api/counts?ids=a", "/api/counts", "/api/series", "/api/series/" + SLUG, "/api/downloads",
                "/actuator", "/actuator/health", "/actuator/env", "/actuator/prometheus", "/actuator/loggers",
                "/internal/rebuild", "/api", "/api/", "/api/pages", "/api/pages/",
                "/documents", "/documents/", "/documents/x", "/documents/x/y/z", "/documents/x/y/actuator",
                "/documents/../api/admin/series", "/documents/%2e%2e/%2e%2e/actuator/env",
                "/documents/x%2f..%2f..%2factuator/y", "/documents/..%5c..%5cactuator/env",
                "/static/../api/admin/series", "//api/admin/series", "/api//admin/series", "/API/ADMIN/series",
                "/api/pages/../admin/series", "/api/pages/..%2f..%2fapi%2fadmin%2fseries",
                "/application.yml", "/logback.xml", "/static/../application.yml", "/static/%2e%2e/application.yml",
                "/static/..%2fapplication.yml", "/static/..%5capplication.yml", "/openapi/../application.yml",
                "/META-INF/swagger/publicaties-gateway.yml", "/static/../../../../etc/passwd",
                "/nl/publicaties/gateway/Application.class", "/static/../nl/publicaties/gateway/Application.class");

        List<String> reached = new ArrayList<>();
        for (String path : internal) {
            RawHttp.Answer answer = http.get(path);
            if (!Set.of(400, 404).contains(answer.status()) || answer.body().contains("backend-only")
                    || answer.body().contains("micronaut:")) {
                reached.add(path + " -> " + answer.status());
            }
        }

        assertEquals(List.of(), reached, "reachable through the gateway");
        // the only backend calls allowed are catalog look-ups for a slug-shaped first segment ("/actuator")
        assertEquals(List.of(), backends.requestLog.stream().filter(r -> !r.startsWith("GET /api/series/")).toList());
    }

    @Test
    void givenWritingMethods_whenSentToPublicRoutes_thenRefusedAndNeverForwarded() {
        String document = "/documents/" + RecordedBackends.LARGE_DOCUMENT + "/rapport.pdf";
        List<String> allowed = new ArrayList<>();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
            for (String path : List.of("/", "/" + SLUG, "/api/pages/" + SLUG, document, "/api/admin/series")) {
                RawHttp.Answer answer = http.send(method, path, "Content-Type: application/json\r\n",
                        "{}".getBytes());
                if (!Set.of(404, 405).contains(answer.status())) {
                    allowed.add(method + " " + path + " -> " + answer.status());
                }
            }
        }

        assertEquals(List.of(), allowed);
        assertEquals(List.of(), backends.requestLog.stream().filter(r -> !r.startsWith("GET ")).toList());
    }

    @Test
    void givenStrangePaths_whenRequested_thenBadRequestOrNotFoundButNever500() {
        List<String> strange = List.of(
                "/%zz", "/%", "/a%2", "/%%", "/%00", "/%u002e%u002e", "/a%00b", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc",
                "/..", "/../../etc/passwd", "/./" + SLUG + "/..", "/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/x",
                "/a%2Fb", "/a%5Cb", "/\\..\\..\\windows", "/" + SLUG + ";jsessionid=1", "/;a=b",
                "/" + SLUG + "/x", "/" + SLUG + "?q=%zz", "/?%zz=1", "/?a=%",
                "/api/pages/%zz", "/api/pages/a%2fb", "/api/pages/" + "x".repeat(500), "/api/pages/%F0%9F%98%80",
                "/documents/%zz/x.pdf", "/documents/x/%zz", "/documents/x/a%00.pdf", "/static/%zz",
                "/static/..", "/static/%2e%2e", "/openapi/%2e%2e/application.yml", "/" + "a-".repeat(1000) + "a",
                "/" + "%41".repeat(1000), "/%F0%9F%98%80", "/%E2%82", "/" + "é");

        List<String> wrong = new ArrayList<>();
        for (String path : strange) {
            int status = http.get(path).status();
            if (status != 400 && status != 404) {
                wrong.add(shorten(path) + " -> " + status);
            }
        }

        assertEquals(List.of(), wrong);
        // the page itself still works after all that
        assertEquals(200, http.get("/" + SLUG).status());
    }

    @Test
    void givenMalformedRequestTargets_whenSent_thenRefusedWith4xx() {
        // (the absolute form "GET http://host/path" is valid HTTP/1.1 and served like its path)
        for (String target : List.of("*", SLUG, "/a b", "/\u0001", "../" + SLUG)) {
            int status = http.get(target).status();
            assertTrue(status >= 400 && status < 500, target + " -> " + status);
        }
    }

    @Test
    void givenOverlongRequestLine_whenSent_thenRefusedWith4xxAndNo500() {
        int status = http.get("/" + "x".repeat(5_000)).status();

        assertTrue(Set.of(400, 413, 414).contains(status), "status " + status);
    }

    @Test
    void givenOversizedHeaders_whenSent_thenRefusedWith4xxAndNo500() {
        int oneHuge = http.send("GET", "/" + SLUG, "X-Large: " + "a".repeat(10_000) + "\r\n", null).status();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("X-Header-").append(i).append(": ").append("b".repeat(50)).append("\r\n");
        }
        int manySmall = http.send("GET", "/" + SLUG, many.toString(), null).status();

        assertTrue(Set.of(400, 413, 431).contains(oneHuge), "one 10 kB header -> " + oneHuge);
        assertTrue(Set.of(400, 413, 431).contains(manySmall), "200 headers of 60 bytes -> " + manySmall);
    }

    @Test
    void givenOversizedBody_whenPosted_thenRefusedWith4xxAndNo500() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];

        int status = http.send("POST", "/api/pages/" + SLUG, "Content-Type: application/json\r\n", twoMegabytes)
                .status();

        assertTrue(Set.of(405, 413).contains(status), "status " + status);
        assertFalse(backends.requestLog.stream().anyMatch(r -> r.startsWith("POST")));
    }

    private static String shorten(String path) {
        return path.length() > 60 ? path.substring(0, 60) + "…(" + path.length() + ")" : path;
    }
}
