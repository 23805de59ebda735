package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.publicaties.gateway.download.client.HostAddresses;
import nl.publicaties.gateway.testsupport.DownloadStandIn;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code docker compose up --scale download-service=3}: one name in DOWNLOAD_URL, one address per replica. Three
 * stand-ins listen on the same port of 127.0.0.1, 127.0.0.2 and 127.0.0.3 (Linux answers on all of 127/8), and
 * the name resolves to those the test says: each replica is used and checked on its own, one that appears under
 * the name later is taken in, and one scaled away (stopped, its address gone from the name) is left out without a
 * visitor seeing an error.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadReplicasTest implements TestPropertyProvider {

    private static final String NAME = "download-service.replicas.test";
    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final List<DownloadStandIn> replicas = new ArrayList<>();
    /** What the name resolves to now. */
    private final List<InetAddress> dns = new CopyOnWriteArrayList<>();
    private final int port;

    @Inject
    EmbeddedServer server;

    DownloadReplicasTest() throws IOException {
        port = replicasOnOnePort();
        dns.add(replicas.get(0).address());
        dns.add(replicas.get(1).address());
    }

    @MockBean(HostAddresses.class)
    HostAddresses dockerDns() {
        return new HostAddresses() {
            @Override
            public InetAddress[] of(String host) throws UnknownHostException {
                return NAME.equals(host) ? dns.toArray(InetAddress[]::new) : super.of(host);
            }
        };
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.http.services.download.urls", "http://" + NAME + ":" + port,
                "gateway.download-instances.health-check", "true",
                "gateway.download-instances.health-check-interval", "200ms");
    }

    @AfterEach
    void back() throws InterruptedException {
        replicas.forEach(replica -> replica.ready = true);
        dns.clear();
        dns.add(replicas.get(0).address());
        dns.add(replicas.get(1).address());
        awaitServing(Set.of("replica-1", "replica-2"));
    }

    @AfterAll
    void stopReplicas() {
        replicas.forEach(DownloadStandIn::stop); // stopping one twice is harmless
    }

    @Test
    void givenTwoReplicasUnderOneName_whenDocumentsAreRequested_thenBothServe() {
        assertEquals(Set.of("replica-1", "replica-2"), servingInstances(8));
    }

    @Test
    void givenAReplicaThatIsNotReady_whenDocumentsAreRequested_thenOnlyTheOtherServesUntilItIsReady()
            throws InterruptedException {
        replicas.get(1).ready = false;
        awaitServing(Set.of("replica-1"));
        assertEquals(Set.of("replica-1"), servingInstances(8));

        replicas.get(1).ready = true;
        awaitServing(Set.of("replica-1", "replica-2"));
    }

    @Test
    void givenAReplicaAddedUnderTheName_whenItIsReady_thenItServesToo_andWhenScaledAwayNoVisitorSeesAnError()
            throws InterruptedException {
        replicas.get(2).ready = false;
        dns.add(replicas.get(2).address());
        Thread.sleep(600); // three rounds: found, but not ready
        assertEquals(Set.of("replica-1", "replica-2"), servingInstances(8));

        replicas.get(2).ready = true;
        awaitServing(Set.of("replica-1", "replica-2", "replica-3"));

        // scaled away: its container stops and its address leaves the name at once
        replicas.get(2).stop();
        dns.remove(replicas.get(2).address());
        for (int i = 0; i < 12; i++) {
            var response = visitor().get(DOCUMENT);
            assertEquals(200, response.statusCode());
            assertNotEquals("replica-3", response.body());
        }
    }

    /** Three stand-ins on one port of three loopback addresses; skipped where 127.0.0.2 cannot be bound (macOS). */
    private int replicasOnOnePort() throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                candidate = probe.getLocalPort();
            }
            List<DownloadStandIn> started = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    started.add(new DownloadStandIn("replica-" + i, InetAddress.getByName("127.0.0." + i), candidate));
                }
                replicas.addAll(started);
                return candidate;
            } catch (java.net.BindException e) {
                started.forEach(DownloadStandIn::stop);
                if (started.size() == 1 && e.getMessage() != null && e.getMessage().contains("assign")) {
                    Assumptions.abort("127.0.0.2 cannot be bound here: " + e.getMessage());
                }
            }
        }
        throw new IllegalStateException("no port free on 127.0.0.1-3");
    }

    private void awaitServing(Set<String> expected) throws InterruptedException {
        DownloadStandIn.awaitServing(visitor(), DOCUMENT, 8, expected);
    }

    private Set<String> servingInstances(int requests) {
        return DownloadStandIn.serving(visitor(), DOCUMENT, requests);
    }

    private Visitor visitor() {
        return new Visitor(server.getURL().toString());
    }
}
