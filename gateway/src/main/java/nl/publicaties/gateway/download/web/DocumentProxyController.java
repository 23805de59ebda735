package nl.publicaties.gateway.download.web;

import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.RawHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.ContentLengthExceededException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import nl.publicaties.gateway.download.client.DownloadInstances;
import nl.publicaties.gateway.site.web.ErrorPages;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Serves {@code /documents/**} from the download service so that one origin works locally. The body streams
 * through (never held whole in memory); ranges and conditional requests pass both ways.
 */
@Controller("/documents")
// the files are described by the links in the page JSON, not as an API of their own
@Hidden
public class DocumentProxyController {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentProxyController.class);

    /** What a download needs from the visitor's request; cookies and the like stay at the gateway. */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(
            HttpHeaders.RANGE, HttpHeaders.IF_RANGE, HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE,
            HttpHeaders.IF_MATCH, HttpHeaders.IF_UNMODIFIED_SINCE, HttpHeaders.ACCEPT, HttpHeaders.USER_AGENT,
            HttpHeaders.ACCEPT_LANGUAGE);

    /**
     * RFC 9110 §7.6.1 hop-by-hop headers, plus the backend's identity. Content-Length stays: the server keeps
     * it (it matches the streamed body), and for HEAD it is the only place the size is told.
     */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "te", "trailer", "upgrade",
            "transfer-encoding", "server");

    /**
     * {documentId}/{fileName}, the download service's only public form: nothing else of that service (its
     * actuator, internal APIs) can be reached by a longer or shorter path under /documents.
     */
    /** %00-%1f and %7f: no file name has them, and some servers and file systems cut names there. */
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("%[01][0-9a-f]|%7f");

    private static final Pattern DOCUMENT_PATH = Pattern.compile("[^/]+/[^/]+");

    /** Further instances a request that got no answer at all is sent to. */
    private static final int MAX_RETRIES = 2;

    private static final ByteBodyFactory BODIES = ByteBodyFactory.createDefault(NettyByteBufferFactory.DEFAULT);

    private final RawHttpClient download;
    private final DownloadInstances downloadInstances;
    private final ErrorPages errorPages;
    /** Peers whose X-Forwarded-For is believed (a proxy in front of the gateway); from anyone else it is replaced. */
    private final Set<String> trustedProxies;

    /**
     * The raw client, not {@code ProxyHttpClient}: the latter hands the body on without its length, so the
     * server sends it chunked and browsers cannot show progress or seek in a PDF.
     */
    public DocumentProxyController(@Client(id = "download") HttpClient download, DownloadInstances downloadInstances,
                                   ErrorPages errorPages,
                                   @Value("${gateway.trusted-proxies:}") List<String> trustedProxies) {
        this.download = (RawHttpClient) download;
        this.downloadInstances = downloadInstances;
        this.errorPages = errorPages;
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Micronaut routes HEAD here too (a separate @Head route would make HEAD ambiguous, answered 400). Any
     * {@code Accept} is served: a PDF reader that sends {@code Accept: application/pdf} got 406 while the route
     * counted as producing JSON. {@code text/html} comes first because the Dutch error pages are views, and a
     * view is rendered as the first type its route produces.
     */
    @Get(value = "/{+path}", produces = {MediaType.TEXT_HTML, MediaType.ALL})
    public Publisher<HttpResponse<?>> proxy(@PathVariable String path, HttpRequest<?> request) {
        if (!isPlainPath(request.getUri().getRawPath()) || path.contains("..")
                || !DOCUMENT_PATH.matcher(path).matches()) {
            return Flux.<HttpResponse<?>>just(errorPages.notFound(request));
        }
        String pathAndQuery = request.getUri().getRawPath()
                + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
        // An instance that gives no answer at all (gone since its last check, a kept-alive connection it closed)
        // gets the request again on the next instance, at most twice: nothing of an answer reached the visitor,
        // and a GET or HEAD may be sent again (RFC 9110 §9.2.2). One that cannot be connected to is also left
        // out until its next check passes. A 503 (spool full, catalog not read yet: the download was neither
        // served nor recorded) goes to an instance that has not refused it yet, if there is one. Either way the
        // request is not sent again to an instance that failed it, even when the turn has come round to it.
        Set<URI> failedBy = ConcurrentHashMap.newKeySet();
        Set<URI> refusedBy = ConcurrentHashMap.newKeySet();
        Mono<HttpResponse<?>> relayed = downloadInstances.next(failedBy)
                .flatMap(instance -> Mono.<HttpResponse<?>>from(download.exchange(
                                upstreamRequest(request, instance.resolve(URI.create(pathAndQuery))), null, null))
                        .doOnError(DocumentProxyController::unanswered, e -> {
                            LOG.warn("download instance {} did not answer: {}", instance.getURI(), e.toString());
                            failedBy.add(instance.getURI());
                            if (cannotConnect(e)) {
                                downloadInstances.unreachable(instance);
                            }
                        })
                        .flatMap(response -> refusedElsewhere(response, instance, failedBy, refusedBy)))
                .retryWhen(Retry.max(MAX_RETRIES)
                        .filter(e -> unanswered(e) || e instanceof RefusedByInstance))
                .map(response -> relay(request, response));
        return relayed.flux()
                .onErrorResume(e -> {
                    Throwable failure = Exceptions.isRetryExhausted(e) && e.getCause() != null ? e.getCause() : e;
                    if (failure instanceof RefusedByInstance refused) {
                        return Flux.<HttpResponse<?>>just(errorPages.downloadRefused(request, refused.retryAfter));
                    }
                    // the client's message names the backend's host:port: log it, never show it
                    LOG.warn("download service failed for {} {}: {}", request.getMethod(), path, failure.toString());
                    return Flux.<HttpResponse<?>>just(errorPages.downloadUnavailable(request));
                });
    }

    /**
     * A 503 while another usable instance has not refused this request yet: the answer is dropped and the
     * request goes on (the caller retries). Any other answer, or a 503 from the last instance left, is the answer.
     */
    private Mono<HttpResponse<?>> refusedElsewhere(HttpResponse<?> response, ServiceInstance instance,
                                                   Set<URI> failedBy, Set<URI> refusedBy) {
        if (response.code() != 503) {
            return Mono.just(response);
        }
        refusedBy.add(instance.getURI());
        failedBy.add(instance.getURI());
        if (!downloadInstances.anyOtherThan(refusedBy)) {
            return Mono.just(response); // every instance refused it
        }
        if (!downloadInstances.anyOtherThan(failedBy)) {
            // only instances that gave no answer are left (a kept-alive connection closed, say): one of them may
            // well answer on a fresh connection, which beats this refusal
            failedBy.retainAll(refusedBy);
        }
        String retryAfter = response.getHeaders().get(HttpHeaders.RETRY_AFTER);
        ((ByteBodyHttpResponse<?>) response).byteBody().move().close();
        LOG.info("download instance {} refused a request (503, Retry-After {}); asking another", instance.getURI(),
                retryAfter);
        return Mono.error(new RefusedByInstance(retryAfter));
    }

    /** An instance answered 503; {@code retryAfter} is what the visitor is told if no other instance serves. */
    private static final class RefusedByInstance extends RuntimeException {
        private final String retryAfter;

        RefusedByInstance(String retryAfter) {
            super("refused (503)", null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /**
     * No answer at all: no connection, or it was closed (or garbled) before a response. A read timeout (the
     * instance may be working on it) and an answer of any status are never sent again.
     */
    static boolean unanswered(Throwable failure) {
        return failure instanceof HttpClientException && !(failure instanceof HttpClientResponseException)
                && !(failure instanceof ReadTimeoutException) && !(failure instanceof ContentLengthExceededException);
    }

    /** Refused, timed out or no route while connecting: the instance is not there. */
    static boolean cannotConnect(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private MutableHttpRequest<?> upstreamRequest(HttpRequest<?> request, URI uri) {
        MutableHttpRequest<?> upstream = HttpRequest.create(request.getMethod(), uri.toString());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            request.getHeaders().getAll(name).forEach(value -> upstream.getHeaders().add(name, value));
        }
        // The visitor's address, for the visitor key. From a proxy of our own (GATEWAY_TRUSTED_PROXIES) the chain
        // it forwarded, with it at the end; from anyone else only the peer: a visitor who writes the header himself
        // must not choose his address (a new visitor key per request would count every click), and download-service
        // believes every internal hop, which the gateway's peer may be without rewriting anything (docker-proxy).
        String peer = request.getRemoteAddress().getAddress().getHostAddress();
        List<String> chain = request.getHeaders().getAll("X-Forwarded-For");
        upstream.getHeaders().add("X-Forwarded-For", chain.isEmpty() || !trustedProxies.contains(peer) ? peer
                : String.join(", ", chain) + ", " + peer);
        upstream.getHeaders().add("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host != null) {
            upstream.getHeaders().add("X-Forwarded-Host", host);
        }
        return upstream;
    }

    /**
     * The upstream body is handed on as a {@link ByteBody}: it streams, and the server takes its expected
     * length (the backend's Content-Length) instead of switching to chunked encoding.
     */
    private HttpResponse<?> relay(HttpRequest<?> request, HttpResponse<?> upstream) {
        HttpResponse<?> refusal = refusal(request, upstream);
        if (refusal != null) {
            ((ByteBodyHttpResponse<?>) upstream).byteBody().move().close();
            return refusal;
        }
        MutableHttpResponse<Object> response = HttpResponse.status(upstream.code(), upstream.reason());
        upstream.getHeaders().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> response.getHeaders().add(name, value));
            }
        });
        CloseableByteBody body = ((ByteBodyHttpResponse<?>) upstream).byteBody().move();
        if (request.getMethod() == HttpMethod.HEAD || upstream.code() == 304 || upstream.code() == 204) {
            // nothing to stream: release the upstream connection now instead of leaving it to an unread body
            body.close();
            return response;
        }
        // Re-adapted rather than handed over: the client's ByteBody may push data it already buffered into the
        // server's writer before that asked for it ("onNext before request?"); the adapter only forwards on
        // demand and keeps the expected length, so the answer is not chunked.
        OptionalLong length = body.expectedLength();
        return response.body(BODIES.adapt(body.toReadBufferPublisher(), length));
    }

    /**
     * The download service's refusals (problem+json, English) as the gateway's own error answers: a Dutch page for
     * a visitor's browser, Dutch problem+json for a caller that asks for JSON. Answers a client needs as they are
     * (206, 304, 412, 416, ...) pass through; {@code null} for those. A 404 or 400 needs nothing here: Micronaut
     * answers every response with those statuses with the site's global error routes ({@code SiteController}).
     */
    private HttpResponse<?> refusal(HttpRequest<?> request, HttpResponse<?> upstream) {
        int status = upstream.code();
        if (status == 410) {
            return errorPages.documentWithdrawn(request);
        }
        if (status == 503) {
            return errorPages.downloadRefused(request, upstream.getHeaders().get(HttpHeaders.RETRY_AFTER));
        }
        if (status >= 500) {
            LOG.warn("download service answered {} to {} {}", status, request.getMethod(), request.getPath());
            return errorPages.downloadUnavailable(request);
        }
        return null;
    }

    /** Document paths are plain ids and file names: traversal or encoded separators are never meant. */
    static boolean isPlainPath(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return !lower.contains("..") && !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("%2e")
                && !lower.contains("\\") && !lower.contains("//") && lower.length() <= 512
                && !CONTROL_CHARACTER.matcher(lower).find();
    }
}
