package nl.publicaties.gateway.page.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Under load the backends see one load per page per window, and a new count still shows a moment later. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageFreshnessTest implements TestPropertyProvider {

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend(
                "gateway.page-fresh-for", "2s");
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenManyVisitorsAtOnce_whenPageRequested_thenOneBackendLoadServesThemAllAndANewCountShowsAfterTheWindow() {
        Visitor visitor = new Visitor(server.getURL().toString());
        backends.reset();

        List<CompletableFuture<String>> pages = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> visitor.get("/" + SLUG).body()))
                .toList();
        pages.forEach(page -> assertTrue(page.join().contains("366 downloads")));

        // the first request for a slug asks the counts once; the others share that load
        assertTrue(backends.statsRequests.get() <= 2, "stats asked " + backends.statsRequests.get() + " times");

        backends.extraCounted = 1;
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> visitor.get("/" + SLUG).body().contains("367 downloads"));
        assertEquals(200, visitor.get("/api/pages/" + SLUG).statusCode());
    }
}
