package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An instance that goes away between two health checks (a replica scaled away or killed; here the checks are an
 * hour apart): a visitor's request that finds it gone goes to the next instance, and the gone one gets no more
 * requests. No visitor sees an error page for it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadFailoverTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final DownloadStandIn staying;
    private final DownloadStandIn leaving;

    @Inject
    EmbeddedServer server;

    DownloadFailoverTest() throws IOException {
        staying = new DownloadStandIn("staying");
        leaving = new DownloadStandIn("leaving");
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", staying.url() + "," + leaving.url(),
                "gateway.download-instances.health-check", "true",
                "gateway.download-instances.health-check-interval", "1h");
    }

    @AfterAll
    void stopInstances() {
        staying.stop();
    }

    @Test
    void givenAnInstanceGoneSinceItsLastCheck_whenDocumentsAreRequested_thenEveryOneIsServedByTheOther() {
        Visitor visitor = new Visitor(server.getURL().toString());
        for (int i = 0; i < 4; i++) { // both in turn, so the next request is the leaving one's
            assertEquals(200, visitor.get(DOCUMENT).statusCode());
        }

        leaving.stop();

        for (int i = 0; i < 10; i++) {
            var response = visitor.get(DOCUMENT);
            assertEquals(200, response.statusCode(), "request " + i);
            assertEquals("staying", response.body());
        }
    }
}
