package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several download-service instances behind /documents: requests go round robin, an instance whose readiness
 * fails is left out until it is ready again (Micronaut's health check on the static service list).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadInstancesTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final Instance first = new Instance("first");
    private final Instance second = new Instance("second");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", first.url() + "," + second.url(),
                "micronaut.http.services.download.health-check", "true",
                "micronaut.http.services.download.health-check-interval", "200ms");
    }

    @AfterAll
    void stopInstances() {
        first.stop();
        second.stop();
    }

    @Test
    void givenTwoReadyInstances_whenDocumentsAreRequested_thenBothServe() {
        assertEquals(Set.of("first", "second"), servingInstances(6));
    }

    @Test
    void givenAnInstanceThatIsNotReady_whenDocumentsAreRequested_thenOnlyTheOtherServesUntilItIsReadyAgain()
            throws InterruptedException {
        second.ready = false;
        awaitServing(Set.of("first"));
        assertEquals(Set.of("first"), servingInstances(6));

        second.ready = true;
        awaitServing(Set.of("first", "second"));
    }

    @Test
    void givenNoReadyInstance_whenADocumentIsRequested_thenTheDutchUnavailablePage() throws InterruptedException {
        first.ready = false;
        second.ready = false;
        try {
            Instant deadline = Instant.now().plusSeconds(5);
            int status;
            do {
                Thread.sleep(100);
                status = visitor().get(DOCUMENT).statusCode();
            } while (status == 200 && Instant.now().isBefore(deadline));
            var response = visitor().get(DOCUMENT);
            assertEquals(502, response.statusCode());
            assertTrue(response.body().contains("Download tijdelijk niet beschikbaar"));
        } finally {
            first.ready = true;
            second.ready = true;
            awaitServing(Set.of("first", "second"));
        }
    }

    private void awaitServing(Set<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Set<String> serving = servingInstances(6);
        while (!serving.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            serving = servingInstances(6);
        }
        assertEquals(expected, serving);
    }

    private Set<String> servingInstances(int requests) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            var response = visitor().get(DOCUMENT);
            if (response.statusCode() == 200) {
                names.add(response.body());
            }
        }
        return names;
    }

    private Visitor visitor() {
        return new Visitor(server.getURL().toString());
    }

    /** A download-service stand-in: its name as the file, and a readiness endpoint that can fail. */
    private static final class Instance {
        private final HttpServer http;
        volatile boolean ready = true;

        Instance(String name) {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            http.createContext("/actuator/health/readiness", exchange -> {
                byte[] body = (ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.createContext("/documents/", exchange -> {
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        void stop() {
            http.stop(0);
        }
    }
}
