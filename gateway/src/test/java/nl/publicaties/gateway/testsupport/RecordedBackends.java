package nl.publicaties.gateway.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * catalog-service, stats-service and download-service as the gateway sees them, answering from recorded
 * data on a real HTTP server (the JDK's), so the gateway's real HTTP clients are exercised. Behaviour can be
 * switched per test: a failing or slow backend.
 */
public final class RecordedBackends implements AutoCloseable {

    public static final String CATALOG_ETAG = "\"catalog-v1\"";
    /** A document the download backend serves at this size, generated on the fly, for streaming tests. */
    public static final String LARGE_DOCUMENT = "11111111-2222-3333-4444-555555555555";
    public static final long LARGE_SIZE = 384L * 1024 * 1024;
    /** Documents the download backend refuses as download-service does: unknown 404, withdrawn 410, not recordable 503. */
    public static final String UNKNOWN_DOCUMENT = "11111111-2222-3333-4444-000000000404";
    public static final String WITHDRAWN_DOCUMENT = "11111111-2222-3333-4444-000000000410";
    public static final String UNRECORDABLE_DOCUMENT = "11111111-2222-3333-4444-000000000503";
    /** A document the download backend fails on with 500, which download-service answers to an unexpected error. */
    public static final String FAILING_DOCUMENT = "11111111-2222-3333-4444-000000000500";

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    public enum Mode { OK, ERROR, SLOW }

    private final HttpServer server;
    public volatile Mode catalogMode = Mode.OK;
    public volatile Mode statsMode = Mode.OK;
    public volatile long extraCounted = 0;
    public final AtomicInteger statsRequests = new AtomicInteger();
    public volatile String lastDownloadRequestHeaders = "";
    /** "METHOD /raw/path?query" of every request any backend received, in order. */
    public final Queue<String> requestLog = new ConcurrentLinkedQueue<>();

    public RecordedBackends() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/series", this::catalog);
        server.createContext("/api/counts", this::stats);
        server.createContext("/documents/", this::download);
        // what the real services also have (admin, analyst, actuator, internal APIs): answers 200, so a route the
        // gateway should not forward shows up as a success and in the request log
        server.createContext("/", this::internal);
        server.createContext("/api/", this::internal);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * A URL where nothing listens: a backend that is down. A fixed unassigned privileged port rather than a port
     * just freed: a freed port can be taken again at once, e.g. by the gateway under test, which then answers 404.
     * (Not a one-digit port: tests look for the port in the answer to prove it is not leaked.)
     */
    /**
     * Gateway properties with the catalog, stats and download backends all pointing at these recordings, then
     * the given extra key/value pairs (which may override them).
     */
    public Map<String, String> asEveryBackend(String... extraKeysAndValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.http.services.catalog.url", url());
        properties.put("micronaut.http.services.stats.url", url());
        properties.put("micronaut.http.services.download.urls", url());
        for (int i = 0; i + 1 < extraKeysAndValues.length; i += 2) {
            properties.put(extraKeysAndValues[i], extraKeysAndValues[i + 1]);
        }
        return properties;
    }

    public static String deadUrl() {
        return "http://127.0.0.1:947";
    }

    public void reset() {
        requestLog.clear();
        catalogMode = Mode.OK;
        statsMode = Mode.OK;
        extraCounted = 0;
        statsRequests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void internal(HttpExchange exchange) throws IOException {
        try (exchange) {
            log(exchange);
            json(exchange, 200, "{\"internal\":\"backend-only data\"}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
    }

    private void log(HttpExchange exchange) {
        requestLog.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    }

    private void catalog(HttpExchange exchange) throws IOException {
        try (exchange) {
            log(exchange);
            if (misbehave(exchange, catalogMode)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/series")) {
                json(exchange, 200, resource("/recorded/catalog-series.json"), "application/json");
            } else if (path.equals("/api/series/" + SeriesPageMother.SLUG)) {
                exchange.getResponseHeaders().set("ETag", CATALOG_ETAG);
                if (CATALOG_ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                json(exchange, 200, resource("/recorded/catalog-series-monitor-integriteit-en-veiligheid.json"),
                        "application/json");
            } else {
                json(exchange, 404, ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"no series\"}").getBytes(StandardCharsets.UTF_8), "application/problem+json");
            }
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            log(exchange);
            statsRequests.incrementAndGet();
            if (misbehave(exchange, statsMode)) {
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String ids = query == null ? "" : Arrays.stream(query.split("&"))
                    .filter(p -> p.startsWith("ids="))
                    .map(p -> URLDecoder.decode(p.substring(4), StandardCharsets.UTF_8))
                    .findFirst().orElse("");
            List<String> idList = Arrays.stream(ids.split(",")).filter(s -> !s.isBlank()).toList();
            var answer = BaselineCounts.answer(idList, extraCounted);
            String entries = answer.documents().stream()
                    .map(e -> "{\"documentId\":\"%s\",\"baseline\":%d,\"counted\":%d,\"total\":%d}"
                            .formatted(e.documentId(), e.baseline(), e.counted(), e.total()))
                    .collect(Collectors.joining(","));
            String body = "{\"policyVersion\":\"%s\",\"asOf\":\"%s\",\"documents\":[%s]}"
                    .formatted(answer.policyVersion(), answer.asOf(), entries);
            json(exchange, 200, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    /** Serves every /documents/{id}/{file} with generated bytes; byte i of a file is {@link #byteAt(long)}. */
    private void download(HttpExchange exchange) throws IOException {
        try (exchange) {
            log(exchange);
            lastDownloadRequestHeaders = exchange.getRequestHeaders().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length != 4) {
                json(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8), "application/problem+json");
                return;
            }
            if (refused(exchange, parts[2])) {
                return;
            }
            long size = parts[2].equals(LARGE_DOCUMENT) ? LARGE_SIZE : 1_048_576L;
            String etag = "\"sha-" + parts[2] + "\"";
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/pdf");
            headers.set("ETag", etag);
            headers.set("Accept-Ranges", "bytes");
            headers.set("Server", "recorded-download/1.0");
            headers.set("Keep-Alive", "timeout=5");
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            long start = 0;
            long end = size - 1;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (matcher != null && matcher.matches()) {
                start = Long.parseLong(matcher.group(1));
                end = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(matcher.group(2)));
                status = 206;
                headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            long length = end - start + 1;
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) {
                headers.set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                long position = start;
                while (position <= end) {
                    int n = (int) Math.min(chunk.length, end - position + 1);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = byteAt(position + i);
                    }
                    out.write(chunk, 0, n);
                    position += n;
                }
            }
        }
    }

    /** download-service's refusals, with the problem details it sends (English detail, path as instance). */
    private static boolean refused(HttpExchange exchange, String documentId) throws IOException {
        Refusal refusal = switch (documentId) {
            case UNKNOWN_DOCUMENT -> new Refusal(404, "Not Found", "No document has this id.");
            case WITHDRAWN_DOCUMENT -> new Refusal(410, "Gone", "This document has been withdrawn.");
            case FAILING_DOCUMENT -> new Refusal(500, "Internal Server Error", "The request could not be answered.");
            case UNRECORDABLE_DOCUMENT -> new Refusal(503, "Service Unavailable",
                    "Downloads cannot be recorded at the moment; please try again later.");
            default -> null;
        };
        if (refusal == null) {
            return false;
        }
        if (refusal.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "45");
        }
        String problem = "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"instance\":\"%s\"}"
                .formatted(refusal.title(), refusal.status(), refusal.detail(), exchange.getRequestURI().getRawPath());
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(refusal.status(), -1);
        } else {
            json(exchange, refusal.status(), problem.getBytes(StandardCharsets.UTF_8), "application/problem+json");
        }
        return true;
    }

    private record Refusal(int status, String title, String detail) {
    }

    public static byte byteAt(long position) {
        return (byte) ((position * 31 + 7) & 0xff);
    }

    private static boolean misbehave(HttpExchange exchange, Mode mode) throws IOException {
        if (mode == Mode.ERROR) {
            json(exchange, 500, "{\"status\":500}".getBytes(StandardCharsets.UTF_8), "application/problem+json");
            return true;
        }
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(3_000); // slower than every gateway timeout: the point of this mode
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    private static void json(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RecordedBackends.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
