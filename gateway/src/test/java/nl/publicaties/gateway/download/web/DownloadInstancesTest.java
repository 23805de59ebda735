package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several download-service instances behind /documents: requests go round robin, an instance whose readiness
 * fails is left out until it is ready again.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadInstancesTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final DownloadStandIn first;
    private final DownloadStandIn second;

    @Inject
    EmbeddedServer server;

    DownloadInstancesTest() throws IOException {
        first = new DownloadStandIn("first");
        second = new DownloadStandIn("second");
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", first.url() + "," + second.url(),
                "gateway.download-instances.health-check", "true",
                "gateway.download-instances.health-check-interval", "200ms");
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
        // operators see it on the gateway's health, without addresses
        assertEquals("{\"status\":\"UP\",\"downloadInstances\":{\"found\":2,\"ready\":1}}",
                visitor().get("/health").body());

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
        DownloadStandIn.awaitServing(visitor(), DOCUMENT, 6, expected);
    }

    private Set<String> servingInstances(int requests) {
        return DownloadStandIn.serving(visitor(), DOCUMENT, requests);
    }

    private Visitor visitor() {
        return new Visitor(server.getURL().toString());
    }
}
