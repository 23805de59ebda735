package nl.publicaties.download.delivery.web;

import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything on the public port that is not a document ({@code /actuator/**}, and the 404 problem for any
 * other path) is answered by the service's Spring MVC server, which listens on loopback only: this relays such
 * requests to it and its answers back, so operations keep one port per instance while downloads never pass
 * through the servlet stack. Low volume (probes, scrapes), so a plain JDK client is enough.
 */
public final class ManagementRelay {

    private static final Logger log = LoggerFactory.getLogger(ManagementRelay.class);
    /** Hop-by-hop (RFC 9110 §7.6.1) or set by the client library itself. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect",
            "proxy-authorization", "proxy-authenticate",
            // the management server must not take a client's word for where a request came from
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-prefix");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;
    private final Clients clients;
    private volatile String target;

    /** Who may reach the management server through the public port. */
    public enum Clients {
        /** Clients on internal networks only (see {@link ClientAddress#isInternal}); anybody else gets a 404. */
        INTERNAL,
        /** Any client (operations traffic from addresses outside the internal ranges). */
        ANY
    }

    public ManagementRelay(Duration timeout) {
        this(timeout, Clients.INTERNAL);
    }

    public ManagementRelay(Duration timeout, Clients clients) {
        this.timeout = timeout;
        this.clients = clients;
    }

    /** Where the management server listens, once it does ({@code http://127.0.0.1:port}). */
    public void target(String host, int port) {
        this.target = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The path and query of an origin-form or absolute-form request target. */
    static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        URI absolute = URI.create(target);
        return (absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath())
                + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery());
    }

    /** Header names a {@code Connection} header lists: hop-by-hop too (RFC 9110 §7.6.1). */
    private static Set<String> connectionOptions(List<String> values) {
        Set<String> names = new java.util.HashSet<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Relays the request for {@code peer} (and the client it forwards for, {@code forwardedFor}), if that client
     * may reach the management server: health details, metrics and the like are for operations, and a visitor who
     * reaches this port (directly, or through a downloads host that forwards its address) finds only documents.
     */
    CompletableFuture<DocumentDelivery.Answer> forward(FullHttpRequest request, DocumentDelivery delivery,
            SocketAddress peer, String forwardedFor) {
        if (clients == Clients.INTERNAL && !ClientAddress.isInternal(peer, forwardedFor)) {
            return CompletableFuture.completedFuture(delivery.problem(new DocumentDelivery.DocumentNotServable(
                    HttpResponseStatus.NOT_FOUND, "There is nothing at this address."), request, request.uri()));
        }
        String base = target;
        if (base == null) {
            return CompletableFuture.completedFuture(delivery.problem(new DocumentDelivery.DocumentNotServable(
                    HttpResponseStatus.SERVICE_UNAVAILABLE, "The service is starting.").retryAfter(1), request,
                    request.uri()));
        }
        HttpRequest.Builder out;
        try {
            out = HttpRequest.newBuilder(URI.create(base + originForm(request.uri()))).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(delivery.badRequest(request, "The request target is not valid."));
        }
        Set<String> named = connectionOptions(request.headers().getAll(HttpHeaderNames.CONNECTION));
        for (Map.Entry<String, String> header : request.headers()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_RELAYED.contains(lower) && !named.contains(lower)) {
                out.header(header.getKey(), header.getValue());
            }
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        out.method(request.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean head = HttpMethod.HEAD.equals(request.method());
        return http.sendAsync(out.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                log.warn("Management server did not answer {} {}: {}", request.method(), request.uri(), failure.toString());
                return delivery.problem(new DocumentDelivery.DocumentNotServable(HttpResponseStatus.BAD_GATEWAY,
                        "The service's management server did not answer."), request, request.uri());
            }
            DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(response.statusCode()), Unpooled.wrappedBuffer(response.body()));
            HttpHeaders headers = answer.headers();
            Set<String> hopByHop = connectionOptions(response.headers().allValues("connection"));
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!NOT_RELAYED.contains(lower) && !hopByHop.contains(lower) && !lower.startsWith(":")) {
                    headers.add(name, (List<String>) values);
                }
            });
            int status = response.statusCode();
            if (status == 204 || status == 304) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            } else if (head) {
                response.headers().firstValue("content-length")
                        .ifPresent(length -> headers.set(HttpHeaderNames.CONTENT_LENGTH, length));
            } else {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
            }
            return DocumentDelivery.Answer.of(answer);
        });
    }
}
