package nl.publicaties.gateway.page.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.SLUG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsCircuitPageTest implements TestPropertyProvider {

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend(
                "gateway.stats-circuit.failure-threshold", "2",
                "gateway.stats-circuit.open-for", "1h");
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenStatsKeepsFailing_whenPagesRequested_thenTheGatewayStopsAskingButKeepsServingPages() {
        backends.statsMode = RecordedBackends.Mode.ERROR;
        Visitor visitor = new Visitor(server.getURL().toString());

        for (int i = 0; i < 5; i++) {
            assertEquals(200, visitor.get("/" + SLUG).statusCode());
        }

        assertEquals(2, backends.statsRequests.get());
    }
}
