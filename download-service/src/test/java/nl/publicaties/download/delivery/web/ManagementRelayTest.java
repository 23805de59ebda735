package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The relay to the management server, against a real HTTP server on loopback standing in for it. */
class ManagementRelayTest {

    @TempDir
    Path blobDir;

    private HttpServer management;

    @AfterEach
    void stop() {
        if (management != null) {
            management.stop(0);
        }
    }

    @Test
    void givenAnAnswerWithHeadersItsConnectionHeaderNames_whenRelayed_thenThoseStayBehindLikeOtherHopByHopOnes()
            throws Exception {
        management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        management.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Connection", "X-Hop-Only");
            exchange.getResponseHeaders().add("X-Hop-Only", "for the next hop only");
            exchange.getResponseHeaders().add("X-End-To-End", "kept");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        management.start();
        ManagementRelay relay = new ManagementRelay(Duration.ofSeconds(5));
        relay.target("127.0.0.1", management.getAddress().getPort());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/actuator/health");

        DocumentDelivery.Answer answer = relay.forward(request, delivery(), OPERATIONS, null).get(10, TimeUnit.SECONDS);

        HttpHeaders headers = answer.head().headers();
        assertThat(answer.head().status().code()).isEqualTo(200);
        assertThat(headers.get("X-End-To-End")).isEqualTo("kept");
        assertThat(headers.contains("X-Hop-Only")).isFalse();
        request.release();
    }

    @Test
    void givenAClientOutsideTheInternalNetworks_whenAskingForManagementEndpoints_then404UnlessAnyClientMay()
            throws Exception {
        management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        management.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        management.start();
        ManagementRelay internalOnly = new ManagementRelay(Duration.ofSeconds(5));
        ManagementRelay anyClient = new ManagementRelay(Duration.ofSeconds(5), ManagementRelay.Clients.ANY);
        internalOnly.target("127.0.0.1", management.getAddress().getPort());
        anyClient.target("127.0.0.1", management.getAddress().getPort());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/actuator/health");

        assertThat(internalOnly.forward(request, delivery(), VISITOR, null).get(10, TimeUnit.SECONDS)
                .head().status().code()).isEqualTo(404);
        assertThat(internalOnly.forward(request, delivery(), OPERATIONS, "203.0.113.7").get(10, TimeUnit.SECONDS)
                .head().status().code()).as("a visitor behind a proxy").isEqualTo(404);
        assertThat(internalOnly.forward(request, delivery(), OPERATIONS, null).get(10, TimeUnit.SECONDS)
                .head().status().code()).isEqualTo(200);
        assertThat(anyClient.forward(request, delivery(), VISITOR, null).get(10, TimeUnit.SECONDS)
                .head().status().code()).isEqualTo(200);
        request.release();
    }

    private static final InetSocketAddress OPERATIONS = new InetSocketAddress("10.0.0.7", 50_000);
    private static final InetSocketAddress VISITOR = new InetSocketAddress("203.0.113.9", 50_000);

    private DocumentDelivery delivery() {
        return new DocumentDelivery(new DocumentView(), null, DownloadRecorder.DISABLED, new VisitorKeys(Clock.systemUTC()),
                new DownloadProperties("relay-test", blobDir, null), Clock.systemUTC(), new SimpleMeterRegistry(),
                JsonMapper.builder().build());
    }
}
