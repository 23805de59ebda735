package nl.publicaties.gateway.download.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Behind a proxy of its own (GATEWAY_TRUSTED_PROXIES) the gateway passes on the chain that proxy forwarded, with the
 * proxy at its end, so download-service sees the visitor rather than the proxy (here the test itself, on loopback,
 * plays the proxy).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxyTest implements TestPropertyProvider {

    private static final String DOCUMENT = "/documents/9415a09c-db79-5882-a49b-756bfda6749c/monitor-2022.pdf";

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend("gateway.trusted-proxies", "10.0.0.2, 127.0.0.1");
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenATrustedProxyInFrontOfTheGateway_whenItForwardsTheVisitor_thenTheChainReachesTheBackendWithTheProxyAtItsEnd() {
        new Visitor(server.getURL().toString()).getBytes(DOCUMENT, "X-Forwarded-For", "203.0.113.7");

        assertTrue(backends.lastDownloadRequestHeaders.contains("X-forwarded-for: [203.0.113.7, 127.0.0.1]"),
                backends.lastDownloadRequestHeaders);
    }
}
