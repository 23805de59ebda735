package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An instance that goes away between two health checks (a replica scaled away or killed; here the checks are an
 * hour apart): a visitor's request that finds it gone goes to the next instance, and the gone one gets no more
 * requests. No visitor sees an error page for it. A request that got an answer, or may still be worked on, is
 * never sent again.
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
                "gateway.download-instances.health-check-interval", "1h",
                // the one check at start must not miss an instance on a busy machine
                "gateway.download-instances.health-check-timeout", "10s",
                "micronaut.http.services.download.read-timeout", "1s");
    }

    @AfterAll
    void stopInstances() {
        staying.stop();
    }

    @Test
    void givenAnInstanceGoneSinceItsLastCheck_whenDocumentsAreRequested_thenEveryOneIsServedByTheOther() {
        Visitor visitor = new Visitor(server.getURL().toString());
        // both in turn, so one of the next two requests is the leaving one's
        assertEquals(Set.of("staying", "leaving"), DownloadStandIn.serving(visitor, DOCUMENT, 4));

        leaving.stop();

        for (int i = 0; i < 10; i++) {
            var response = visitor.get(DOCUMENT);
            assertEquals(200, response.statusCode(), "request " + i);
            assertEquals("staying", response.body());
        }
    }

    @Test
    void givenAnInstanceThatAnswers500_whenADocumentIsRequested_thenTheDutch502Page_andTheRequestIsNotSentAgain() {
        int before = hits();
        for (int i = 0; i < 4; i++) {
            var response = new Visitor(server.getURL().toString()).get("/documents/failing/rapport.pdf");
            assertEquals(502, response.statusCode());
            assertTrue(response.body().contains("Download tijdelijk niet beschikbaar"));
        }
        assertEquals(4, hits() - before);
    }

    @Test
    void givenAnInstanceThatTakesLongerThanTheReadTimeout_whenADocumentIsRequested_thenTheRequestIsNotSentAgain()
            throws InterruptedException {
        int before = hits();
        assertEquals(502, new Visitor(server.getURL().toString()).get("/documents/stalling/rapport.pdf").statusCode());
        Thread.sleep(500); // a second attempt would have arrived by now
        assertEquals(1, hits() - before);
    }

    private int hits() {
        return staying.hits.get() + leaving.hits.get();
    }
}
