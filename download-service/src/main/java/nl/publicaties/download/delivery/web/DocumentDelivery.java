package nl.publicaties.download.delivery.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.catalog.query.DocumentFile;
import nl.publicaties.download.catalog.query.DocumentLookup;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.EventIds;
import nl.publicaties.download.recording.VisitorKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET|HEAD /documents/{documentId}/{fileName}} (and {@code /documents/{documentId}}: 301 to the
 * canonical URL). The URL only selects a document id; the file is found through the catalog's content hash in
 * the blob store, so no part of a URL ever becomes a path. HTTP semantics (RFC 9110): see the module README.
 * <p>
 * Shared by every connection; works out the {@link Answer} to one request, the connection's
 * {@link DocumentHandler} writes it. A GET answered 200, 206 or 304 is only answered once its
 * {@code DownloadRequested} is durable: the answer is a future that the spool's group commit completes, so no
 * thread waits for the disk. Everything that does not depend on the request is worked out once per document
 * ({@link Representation}).
 */
public final class DocumentDelivery {

    private static final Logger log = LoggerFactory.getLogger(DocumentDelivery.class);
    private static final int USER_AGENT_LIMIT = 256;
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    private static final String PREFIX = "/documents";
    /** How soon a client asked for a document while this instance is still reading the catalog may try again. */
    private static final long CATALOG_RETRY_AFTER_SECONDS = 5;
    /** Documents are few (a catalog, not a file system); this only guards against unbounded growth. */
    private static final int MAX_CACHED_REPRESENTATIONS = 10_000;
    private static final AsciiString NOSNIFF_HEADER = AsciiString.cached("x-content-type-options");
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private final DocumentView view;
    private final BlobStore blobs;
    private final DownloadRecorder recorder;
    private final VisitorKeys visitorKeys;
    private final DownloadProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final HttpDates dates;
    private final Map<DocumentFile, Representation> representations = new ConcurrentHashMap<>();
    /** {@code download.responses} by status, for GET and for HEAD: looked up once, not per request. */
    private final AtomicReferenceArray<Counter> getResponses = new AtomicReferenceArray<>(600);
    private final AtomicReferenceArray<Counter> headResponses = new AtomicReferenceArray<>(600);
    private final Counter bytesServed;

    public DocumentDelivery(DocumentView view, BlobStore blobs, DownloadRecorder recorder, VisitorKeys visitorKeys,
            DownloadProperties properties, Clock clock, MeterRegistry meters, JsonMapper json) {
        this.view = view;
        this.blobs = blobs;
        this.recorder = recorder;
        this.visitorKeys = visitorKeys;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.json = json;
        this.dates = new HttpDates(clock);
        this.bytesServed = Counter.builder("download.bytes.served").baseUnit("bytes")
                .description("file bytes handed to the kernel (sendfile, zero-copy), counted when a body's transfer"
                        + " ends: an aborted download counts what went out, not its planned length")
                .tag("transfer", "sendfile")
                .register(meters);
    }

    /** Whether this server answers the path itself; every other path goes to the management server. */
    public static boolean owns(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /**
     * What to send back: the response head, and for a body either the bytes of a file or a small buffer.
     *
     * @param file the blob to send {@code count} bytes of from {@code start} (zero-copy), or null
     */
    /** {@code sent} is told how many body bytes went out once the body's transfer has ended (or broke off). */
    public record Answer(HttpResponse head, Path file, long start, long count, LongConsumer sent) {

        static Answer of(HttpResponse head) {
            return new Answer(head, null, 0, 0, null);
        }
    }

    /** The answer to one request; completes at once unless a download has to be recorded first. */
    public CompletableFuture<Answer> answer(HttpRequest request, String path, String clientAddress) {
        HttpMethod method = request.method();
        boolean get = HttpMethod.GET.equals(method);
        try {
            if (get || HttpMethod.HEAD.equals(method)) {
                return route(request, path, clientAddress, get);
            }
            if (HttpMethod.OPTIONS.equals(method)) {
                HttpResponse response = response(HttpResponseStatus.OK);
                response.headers().set(HttpHeaderNames.ALLOW, ALLOW).set(HttpHeaderNames.CONTENT_LENGTH, 0);
                return CompletableFuture.completedFuture(Answer.of(response));
            }
            throw new DocumentNotServable(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Documents can only be read (GET or HEAD).").allow(ALLOW);
        } catch (DocumentNotServable e) {
            return CompletableFuture.completedFuture(problem(e, request, path));
        } catch (IOException e) {
            log.error("Could not serve {}", path, e);
            return CompletableFuture.completedFuture(problem(new DocumentNotServable(
                    HttpResponseStatus.INTERNAL_SERVER_ERROR, "The file could not be read."), request, path));
        }
    }

    /**
     * {@code /{id}} and {@code /{id}/} lead to the canonical URL, {@code /{id}/{fileName}} is the file, anything
     * deeper is not a document. {@code path} is still percent-encoded: it is decoded one segment at a time, so
     * an encoded slash can never split a segment.
     */
    private CompletableFuture<Answer> route(HttpRequest request, String path, String clientAddress, boolean get)
            throws IOException {
        if (path.length() <= PREFIX.length() + 1) {
            throw notFound();
        }
        String rest = path.substring(PREFIX.length() + 1);
        int slash = rest.indexOf('/');
        String documentId = slash < 0 ? rest : rest.substring(0, slash);
        if (slash < 0 || slash == rest.length() - 1) {
            return CompletableFuture.completedFuture(redirect(servable(documentId), request));
        }
        String encodedName = rest.substring(slash + 1);
        if (encodedName.indexOf('/') >= 0) {
            // more segments than a file name (a trailing slash, say): a wrong file name part, of a known document
            return CompletableFuture.completedFuture(redirect(servable(documentId), request));
        }
        return serve(documentId, PathSegments.decode(encodedName), request, clientAddress, get);
    }

    private CompletableFuture<Answer> serve(String documentId, String fileName, HttpRequest request,
            String clientAddress, boolean get) throws IOException {
        DocumentFile file = servable(documentId);
        if (!file.documentId().equals(documentId) || !file.fileName().equals(fileName)) {
            return CompletableFuture.completedFuture(redirect(file, request));
        }
        Representation representation = representationOf(file);
        long length = representation.length();
        Preconditions preconditions = representation.preconditions();
        HttpHeaders in = request.headers();

        Preconditions.Outcome outcome = preconditions.evaluate(joined(in.getAll(HttpHeaderNames.IF_MATCH)),
                in.get(HttpHeaderNames.IF_UNMODIFIED_SINCE), joined(in.getAll(HttpHeaderNames.IF_NONE_MATCH)),
                in.get(HttpHeaderNames.IF_MODIFIED_SINCE));
        if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
            return CompletableFuture.completedFuture(aboutTheFile(problem(new DocumentNotServable(
                    HttpResponseStatus.PRECONDITION_FAILED, "The document is no longer the version the request's"
                    + " If-Match or If-Unmodified-Since names."), request, request.uri()), representation));
        }
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            HttpResponse head = validated(HttpResponseStatus.NOT_MODIFIED, representation, -1);
            Answer answer = Answer.of(head);
            return get ? recorded(request, clientAddress, file, 304, null, 0, answer)
                    : CompletableFuture.completedFuture(counted(request, answer));
        }

        // Range is defined for GET only (RFC 9110 §14.2); HEAD describes the whole representation.
        String rangeHeader = get ? in.get(HttpHeaderNames.RANGE) : null;
        RangeSelection selection = rangeHeader != null
                && preconditions.rangeStillApplies(in.get(HttpHeaderNames.IF_RANGE))
                ? RangeSelection.of(rangeHeader, length)
                : new RangeSelection.Whole();
        if (selection instanceof RangeSelection.Unsatisfiable) {
            Answer unsatisfiable = aboutTheFile(problem(new DocumentNotServable(
                    HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The range asked for lies beyond the "
                    + length + " bytes of the file."), request, request.uri()), representation);
            unsatisfiable.head().headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
            return CompletableFuture.completedFuture(unsatisfiable);
        }
        ByteRange range = selection instanceof RangeSelection.Part part ? part.range() : null;
        long start = range == null ? 0 : range.first();
        long count = range == null ? length : range.length();
        HttpResponseStatus status = range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT;
        HttpResponse head = validated(status, representation, count);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, file.mediaType())
                .set(HttpHeaderNames.CONTENT_DISPOSITION, representation.contentDisposition());
        if (range != null) {
            head.headers().set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(length));
        }
        if (!get) {
            return CompletableFuture.completedFuture(counted(request, Answer.of(head)));
        }
        Answer answer = new Answer(head, representation.path(), start, count, bytesServed::increment);
        // Status and planned length are known now: the record is durable before the first byte is sent.
        return recorded(request, clientAddress, file, status.code(), range, count, answer);
    }

    /** The headers every answer about the file carries; {@code contentLength} -1 for none (304). */
    private HttpResponse validated(HttpResponseStatus status, Representation representation, long contentLength) {
        HttpResponse head = response(status);
        HttpHeaders headers = head.headers()
                .set(HttpHeaderNames.ETAG, representation.etag())
                .set(HttpHeaderNames.LAST_MODIFIED, lastModified(representation))
                .set(HttpHeaderNames.CACHE_CONTROL, properties.cacheControl())
                .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                .set(NOSNIFF_HEADER, "nosniff");
        if (contentLength >= 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return head;
    }

    /** A refusal about the file (412, 416) names the file it is about, as its other answers do. */
    private Answer aboutTheFile(Answer refusal, Representation representation) {
        refusal.head().headers()
                .set(HttpHeaderNames.ETAG, representation.etag())
                .set(HttpHeaderNames.LAST_MODIFIED, lastModified(representation))
                .set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        return refusal;
    }

    /**
     * Never later than the answer's {@code Date} (RFC 9110 §8.8.2.1): the time comes from the catalog's event, so
     * from another host's clock, which may run ahead of this one's.
     */
    private String lastModified(Representation representation) {
        long second = Math.floorDiv(representation.file().lastModified().toEpochMilli(), 1000);
        return second > Math.floorDiv(clock.millis(), 1000) ? dates.now() : representation.lastModified();
    }

    private HttpResponse response(HttpResponseStatus status) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, HEADERS);
        response.headers().set(HttpHeaderNames.DATE, dates.now());
        return response;
    }

    /**
     * The file's representation, worked out on the first request for this {@link DocumentFile}. A blob that
     * is missing is not remembered, so it is served as soon as it appears.
     */
    private Representation representationOf(DocumentFile file) throws IOException {
        Representation known = representations.get(file);
        if (known != null) {
            return known;
        }
        Optional<Path> blob = blobs.find(file.sha256());
        if (blob.isEmpty()) {
            log.warn("Blob {} of document {} is missing from the blob store", file.sha256(), file.documentId());
            throw new DocumentNotServable(HttpResponseStatus.NOT_FOUND, "The file of this document is not available.");
        }
        Path path = blob.get();
        Representation representation = Representation.of(file, path.toRealPath(), Files.size(path));
        if (representations.size() >= MAX_CACHED_REPRESENTATIONS) {
            representations.clear();
        }
        representations.put(file, representation);
        return representation;
    }

    /**
     * Completes with {@code answer} once the DownloadRequested of a GET answered 200, 206 or 304 is durable.
     * {@code bytes} is the planned body length: a client that aborts mid-body is still recorded with it (the
     * request was made and answered; the counting policy decides what a partial transfer is worth). When the
     * record cannot be made durable the download is refused with 503 + Retry-After: serving it would lose a
     * fact the figures are built on, while a refused client can simply retry.
     */
    private CompletableFuture<Answer> recorded(HttpRequest request, String clientAddress, DocumentFile file,
            int status, ByteRange range, long bytes, Answer answer) {
        String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
        Instant now = clock.instant();
        DownloadRequested event = new DownloadRequested(
                EventIds.next(now.toEpochMilli()),
                file.documentId(),
                file.editionId(),
                now,
                request.method().name(),
                status,
                range == null ? null : range.first(),
                range == null ? null : range.last(),
                bytes,
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_LIMIT)),
                visitorKeys.keyFor(now, clientAddress, userAgent),
                properties.instanceId());
        return recorder.record(event).handle((recordedToo, failure) -> {
            if (failure == null) {
                return counted(request, answer);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            long retryAfter = cause instanceof DownloadRecorder.NotRecorded notRecorded
                    ? notRecorded.retryAfterSeconds() : 30;
            return problem(new DocumentNotServable(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Downloads cannot be recorded at the moment; please try again later.").retryAfter(retryAfter),
                    request, request.uri());
        });
    }

    private DocumentFile servable(String documentId) {
        if (!isUuid(documentId)) {
            throw notFound();
        }
        if (!view.isComplete()) {
            // just started (readiness is still DOWN): the view may yet read that this document was withdrawn or
            // its file replaced, and a 404 now could be cached or believed; ask again shortly
            throw new DocumentNotServable(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "This instance is still reading the catalog; please try again in a moment.")
                    .retryAfter(CATALOG_RETRY_AFTER_SECONDS);
        }
        DocumentLookup lookup = view.find(documentId);
        if (lookup instanceof DocumentLookup.Servable servable) {
            return servable.file();
        }
        if (lookup instanceof DocumentLookup.Withdrawn) {
            throw new DocumentNotServable(HttpResponseStatus.GONE, "This document has been withdrawn.");
        }
        throw notFound();
    }

    /** 8-4-4-4-12 hexadecimal digits, in either case. */
    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static DocumentNotServable notFound() {
        return new DocumentNotServable(HttpResponseStatus.NOT_FOUND, "No document has this id.");
    }

    private Answer redirect(DocumentFile file, HttpRequest request) {
        HttpResponse response = response(HttpResponseStatus.MOVED_PERMANENTLY);
        // Path-absolute, so it stays right behind the gateway that proxies /documents/** to this service.
        Representation known = representations.get(file);
        String location = known != null ? known.location() : Representation.canonicalLocation(file);
        // the query goes along (a campaign tag, say), as nginx's "return 301 $uri$is_args$args" would keep it
        int query = request.uri().indexOf('?');
        if (query >= 0) {
            int fragment = request.uri().indexOf('#', query);
            String rawQuery = request.uri().substring(query, fragment < 0 ? request.uri().length() : fragment);
            location = rawQuery.length() > 1 ? location + rawQuery : location;
        }
        response.headers()
                .set(HttpHeaderNames.LOCATION, location)
                .set(HttpHeaderNames.CACHE_CONTROL, properties.cacheControl())
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return counted(request, Answer.of(response));
    }

    /** Several If-Match or If-None-Match lines mean the same as one comma-separated line (RFC 9110 §5.3). */
    private static String joined(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    /** Answers to requests this server could not even route (a malformed request line, a bad encoding). */
    public Answer badRequest(HttpRequest request, String detail) {
        return problem(new DocumentNotServable(HttpResponseStatus.BAD_REQUEST, detail), request, request.uri());
    }

    /**
     * Why there is no file: a Dutch page for a person's browser ({@link ErrorPage}), RFC 9457 problem details for
     * everyone else, so a client that only accepts {@code application/pdf} still learns why there is no PDF. Never
     * stored by a cache: the next request may well succeed (a document just added, a spool with room again), and a
     * CDN would otherwise keep a 404 for as long as it likes (RFC 9111 §4.2.2).
     */
    Answer problem(DocumentNotServable e, HttpRequest request, String instance) {
        boolean page = ErrorPage.wanted(request.headers());
        byte[] body = page ? ErrorPage.of(e.status.code()) : problemJson(e, instance);
        boolean head = HttpMethod.HEAD.equals(request.method());
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, e.status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body), HEADERS, HEADERS);
        HttpHeaders headers = response.headers()
                .set(HttpHeaderNames.DATE, dates.now())
                .set(HttpHeaderNames.CONTENT_TYPE, page ? ErrorPage.MEDIA_TYPE : "application/problem+json")
                .set(HttpHeaderNames.VARY, "Accept")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(NOSNIFF_HEADER, "nosniff")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (e.retryAfterSeconds > 0) {
            headers.set(HttpHeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
        }
        if (e.allow != null) {
            headers.set(HttpHeaderNames.ALLOW, e.allow);
        }
        return counted(request, Answer.of(response));
    }

    private byte[] problemJson(DocumentNotServable e, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", e.status.reasonPhrase());
        problem.put("status", e.status.code());
        problem.put("detail", e.getMessage());
        problem.put("instance", instance);
        return json.writeValueAsBytes(problem);
    }

    private Answer counted(HttpRequest request, Answer answer) {
        count(request.method(), answer.head().status().code());
        return answer;
    }

    private void count(HttpMethod method, int status) {
        boolean get = HttpMethod.GET.equals(method);
        AtomicReferenceArray<Counter> byStatus = get ? getResponses
                : HttpMethod.HEAD.equals(method) ? headResponses : null;
        if (byStatus == null || status >= byStatus.length()) {
            // any token is a method to the codec: only known ones become a tag value, or each made-up method
            // would be a new time series
            responses(KNOWN_METHODS.contains(method) ? method.name() : "OTHER", status).increment();
            return;
        }
        Counter counter = byStatus.get(status);
        if (counter == null) {
            counter = responses(method.name(), status);
            byStatus.set(status, counter);
        }
        counter.increment();
    }

    private static final java.util.Set<HttpMethod> KNOWN_METHODS = java.util.Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
            HttpMethod.TRACE, HttpMethod.CONNECT);

    private Counter responses(String method, int status) {
        return Counter.builder("download.responses").description("document responses by method and status")
                .tag("method", method).tag("status", Integer.toString(status)).register(meters);
    }

    static final class DocumentNotServable extends RuntimeException {
        private final HttpResponseStatus status;
        private long retryAfterSeconds;
        private String allow;

        DocumentNotServable(HttpResponseStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        DocumentNotServable retryAfter(long seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        DocumentNotServable allow(String methods) {
            this.allow = methods;
            return this;
        }
    }

    /** The characters of a percent-decoded segment, as UTF-8. */
    static final class PathSegments {
        private PathSegments() {
        }

        /**
         * Decodes one path segment; a malformed escape or invalid UTF-8 is a bad request, not a guess.
         *
         * @throws DocumentNotServable 400
         */
        static String decode(String segment) {
            if (segment.indexOf('%') < 0) {
                return segment;
            }
            byte[] out = new byte[segment.length()];
            int n = 0;
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '%') {
                    if (i + 2 >= segment.length()) {
                        throw malformed();
                    }
                    int hi = Character.digit(segment.charAt(i + 1), 16);
                    int lo = Character.digit(segment.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw malformed();
                    }
                    out[n++] = (byte) ((hi << 4) | lo);
                    i += 2;
                } else if (c < 0x80) {
                    out[n++] = (byte) c;
                } else {
                    throw malformed();
                }
            }
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                return decoder.decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw malformed();
            }
        }

        private static DocumentNotServable malformed() {
            return new DocumentNotServable(HttpResponseStatus.BAD_REQUEST, "The path is not valid percent-encoded UTF-8.");
        }
    }
}
