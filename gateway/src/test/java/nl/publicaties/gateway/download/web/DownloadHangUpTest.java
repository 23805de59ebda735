package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An instance that takes a request and closes the connection without an answer (going away mid-request) is not
 * asked again for that request, even when the turn has come round to it again meanwhile: the request goes to an
 * instance that has not failed it. Here the health checks are an hour apart, so only the request's own retry
 * decides.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadHangUpTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final DownloadStandIn hangingUp;
    private final DownloadStandIn steady;

    @Inject
    EmbeddedServer server;

    DownloadHangUpTest() throws IOException {
        hangingUp = new DownloadStandIn("hanging-up");
        steady = new DownloadStandIn("steady");
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", hangingUp.url() + "," + steady.url(),
                "gateway.download-instances.health-check", "true",
                "gateway.download-instances.health-check-interval", "1h",
                "gateway.download-instances.health-check-timeout", "10s");
    }

    @AfterAll
    void stopInstances() {
        hangingUp.stop();
        steady.stop();
    }

    @Test
    void givenAnInstanceThatHangsUp_whenItsTurnComesRoundAgainBeforeTheRetry_thenTheRetryGoesElsewhere()
            throws Exception {
        Visitor visitor = new Visitor(server.getURL().toString());
        // the two take turns: after a request the steady one served, the next is the other's
        if ("hanging-up".equals(visitor.get(DOCUMENT).body())) {
            assertEquals("steady", visitor.get(DOCUMENT).body());
        }
        CountDownLatch hangUp = new CountDownLatch(1);
        hangingUp.hangUpAfter = hangUp;
        int before = hangingUp.hits.get();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> visitor.get(DOCUMENT));
        awaitHits(hangingUp, before + 1);
        // another visitor meanwhile: the steady one's turn, so the next turn is the hanging-up one's again
        assertEquals("steady", new Visitor(server.getURL().toString()).get(DOCUMENT).body());
        hangUp.countDown();

        HttpResponse<String> answer = first.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("steady", answer.body());
        assertEquals(before + 1, hangingUp.hits.get(), "the instance that hung up was asked once");
    }

    @Test
    void givenAnInstanceThatHangsUpOnce_whenTheOtherRefuses_thenTheFirstIsAskedAgainAndServes() {
        Visitor visitor = new Visitor(server.getURL().toString());
        hangingUp.hangUpAfter = null;
        // the two take turns: after a request the steady one served, the next is the other's
        if ("hanging-up".equals(visitor.get(DOCUMENT).body())) {
            assertEquals("steady", visitor.get(DOCUMENT).body());
        }
        hangingUp.hangUps.set(1);
        steady.refusing = true;
        try {
            HttpResponse<String> answer = visitor.get(DOCUMENT);

            assertEquals(200, answer.statusCode(), "a refusal must not win over an instance that may answer");
            assertEquals("hanging-up", answer.body());
        } finally {
            steady.refusing = false;
        }
    }

    private static void awaitHits(DownloadStandIn instance, int hits) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (instance.hits.get() < hits && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertEquals(hits, instance.hits.get());
    }
}
