package nl.publicaties.gateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A download-service instance as the gateway sees it, on a real socket: every document is its own name (so a test
 * can tell which instance served), and its readiness endpoint fails while {@link #ready} is false. Document
 * {@code /documents/failing/…} answers 500, {@code /documents/stalling/…} answers after 3 s; {@link #hits} counts
 * the document requests it got.
 */
public final class DownloadStandIn {

    private final HttpServer http;
    public volatile boolean ready = true;
    /** Answers every document with 503 and {@code Retry-After: 7}, as a service with a full spool does. */
    public volatile boolean refusing;
    public final AtomicInteger hits = new AtomicInteger();
    /**
     * When set, every document request waits until it is counted down and then gets no answer: the connection is
     * closed under it (an instance going away mid-request).
     */
    public volatile java.util.concurrent.CountDownLatch hangUpAfter;
    /** How many of the next document requests get no answer at once (the connection closed under them). */
    public final AtomicInteger hangUps = new AtomicInteger();

    /** On the loopback address, any free port. */
    public DownloadStandIn(String name) throws IOException {
        this(name, InetAddress.getLoopbackAddress(), 0);
    }

    public DownloadStandIn(String name, InetAddress address, int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(address, port), 0);
        http.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = (ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/documents/", exchange -> {
            hits.incrementAndGet();
            if (hangUps.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new IOException("hanging up");
            }
            java.util.concurrent.CountDownLatch hangUp = hangUpAfter;
            if (hangUp != null) {
                try {
                    hangUp.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // an exception out of a handler makes the JDK's server close the connection, nothing sent
                throw new IOException("hanging up");
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/documents/stalling/")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (refusing) {
                byte[] problem = "{\"title\":\"Service Unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().add("Retry-After", "7");
                exchange.sendResponseHeaders(503, problem.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(problem);
                }
                return;
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(path.startsWith("/documents/failing/") ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // one thread per request: a stalling answer does not hold up the others
        http.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stand-in-" + name);
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
    }

    public InetAddress address() {
        return http.getAddress().getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://" + address().getHostAddress() + ":" + port();
    }

    public void stop() {
        http.stop(0);
    }

    /** The names of the stand-ins that served {@code requests} downloads of {@code document} in a row. */
    public static Set<String> serving(Visitor visitor, String document, int requests) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            var response = visitor.get(document);
            if (response.statusCode() == 200) {
                names.add(response.body());
            }
        }
        return names;
    }

    /** Waits up to 5 s until {@link #serving} gives {@code expected}, and asserts it does. */
    public static void awaitServing(Visitor visitor, String document, int requests, Set<String> expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Set<String> serving = serving(visitor, document, requests);
        while (!serving.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            serving = serving(visitor, document, requests);
        }
        assertEquals(expected, serving);
    }
}
