package nl.publicaties.download.delivery.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.catalog.query.DocumentFile;
import nl.publicaties.download.catalog.query.DocumentLookup;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * {@code GET|HEAD /documents/{documentId}/{fileName}} (and {@code /documents/{documentId}}: 301 to the
 * canonical URL). The URL only selects a document id; the file is found through the catalog's content hash in
 * the blob store, so no part of a URL ever becomes a path. HTTP semantics (RFC 9110): see the module README.
 * <p>
 * A plain servlet rather than a Spring MVC controller: the work per request is a map lookup and a file, and on
 * two cores the dispatcher's handler mapping, argument resolution and per-request observation cost several
 * times what the download itself does (see {@code bench/download/README.md}). Everything that does not depend
 * on the request is worked out once per document ({@link Representation}).
 */
public class DocumentServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(DocumentServlet.class);
    private static final int USER_AGENT_LIMIT = 256;
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    /** Documents are few (a catalog, not a file system); this only guards against unbounded growth. */
    private static final int MAX_CACHED_REPRESENTATIONS = 10_000;

    private final DocumentView view;
    private final BlobStore blobs;
    private final DownloadRecorder recorder;
    private final VisitorKeys visitorKeys;
    private final DownloadProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Map<DocumentFile, Representation> representations = new ConcurrentHashMap<>();
    /** {@code download.responses} by status, for GET and for HEAD: looked up once, not per request. */
    private final AtomicReferenceArray<Counter> getResponses = new AtomicReferenceArray<>(600);
    private final AtomicReferenceArray<Counter> headResponses = new AtomicReferenceArray<>(600);
    private final Map<String, Counter> bytesServed = new ConcurrentHashMap<>();

    public DocumentServlet(DocumentView view, BlobStore blobs, DownloadRecorder recorder, VisitorKeys visitorKeys,
            DownloadProperties properties, Clock clock, MeterRegistry meters, JsonMapper json) {
        this.view = view;
        this.blobs = blobs;
        this.recorder = recorder;
        this.visitorKeys = visitorKeys;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean get = "GET".equals(method);
        try {
            if (get || "HEAD".equals(method)) {
                route(request, response, get);
            } else if ("OPTIONS".equals(method)) {
                response.setHeader(HttpHeaders.ALLOW, ALLOW);
                response.setStatus(HttpStatus.OK.value());
            } else {
                response.setHeader(HttpHeaders.ALLOW, ALLOW);
                throw new DocumentNotServable(HttpStatus.METHOD_NOT_ALLOWED,
                        "Documents can only be read (GET or HEAD).");
            }
        } catch (DocumentNotServable e) {
            problem(e, request, response);
        }
    }

    /**
     * {@code /{id}} and {@code /{id}/} lead to the canonical URL, {@code /{id}/{fileName}} is the file, anything
     * deeper is not a document. The path info is already percent-decoded, and Tomcat has normalised dot segments
     * and refused encoded slashes (400) before this servlet is reached.
     */
    private void route(HttpServletRequest request, HttpServletResponse response, boolean get) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            throw notFound();
        }
        int slash = path.indexOf('/', 1);
        if (slash < 0 || slash == path.length() - 1) {
            redirect(servable(slash < 0 ? path.substring(1) : path.substring(1, slash)), response);
            count(request, get, HttpStatus.MOVED_PERMANENTLY.value());
            return;
        }
        String fileName = path.substring(slash + 1);
        if (fileName.indexOf('/') >= 0) {
            throw notFound();
        }
        serve(path.substring(1, slash), fileName, request, response, get);
    }

    private void serve(String documentId, String fileName, HttpServletRequest request, HttpServletResponse response,
            boolean get) throws IOException {
        DocumentFile file = servable(documentId);
        if (!file.documentId().equals(documentId) || !file.fileName().equals(fileName)) {
            redirect(file, response);
            count(request, get, HttpStatus.MOVED_PERMANENTLY.value());
            return;
        }
        Representation representation = representationOf(file);
        long length = representation.length();
        Preconditions preconditions = representation.preconditions();

        response.setHeader(HttpHeaders.ETAG, representation.etag());
        response.setHeader(HttpHeaders.LAST_MODIFIED, representation.lastModified());
        response.setHeader(HttpHeaders.CACHE_CONTROL, properties.cacheControl());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");

        Preconditions.Outcome outcome = preconditions.evaluate(request.getHeader(HttpHeaders.IF_MATCH),
                request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE), joined(request, HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE));
        if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
            finish(request, response, get, HttpStatus.PRECONDITION_FAILED.value());
            return;
        }
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            if (get) {
                recordBeforeAnswering(request, response, file, HttpStatus.NOT_MODIFIED.value(), null, 0);
            }
            finish(request, response, get, HttpStatus.NOT_MODIFIED.value());
            return;
        }

        // Range is defined for GET only (RFC 9110 §14.2); HEAD describes the whole representation.
        String rangeHeader = get ? request.getHeader(HttpHeaders.RANGE) : null;
        RangeSelection selection = rangeHeader != null
                && preconditions.rangeStillApplies(request.getHeader(HttpHeaders.IF_RANGE))
                ? RangeSelection.of(rangeHeader, length)
                : new RangeSelection.Whole();
        if (selection instanceof RangeSelection.Unsatisfiable) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
            finish(request, response, get, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            return;
        }
        ByteRange range = selection instanceof RangeSelection.Part part ? part.range() : null;
        long start = range == null ? 0 : range.first();
        long count = range == null ? length : range.length();
        int status = range == null ? HttpStatus.OK.value() : HttpStatus.PARTIAL_CONTENT.value();
        response.setContentType(file.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, representation.contentDisposition());
        response.setContentLengthLong(count);
        response.setStatus(status);
        if (range != null) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(length));
        }
        if (get) {
            // Status and planned length are known now: the record is durable before the first byte is sent.
            recordBeforeAnswering(request, response, file, status, range, count);
            FileBody.Transfer transfer = FileBody.write(representation, start, count, request, response);
            bytesServed.computeIfAbsent(transfer.sendfile() ? "sendfile" : "copy",
                    transfer1 -> Counter.builder("download.bytes.served").baseUnit("bytes")
                            .description("file bytes handed to the connector").tag("transfer", transfer1)
                            .register(meters))
                    .increment(transfer.bytes());
        }
        finish(request, response, get, status);
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
            throw new DocumentNotServable(HttpStatus.NOT_FOUND, "The file of this document is not available.");
        }
        Path path = blob.get();
        Representation representation = Representation.of(file, path.toRealPath().toString(), Files.size(path));
        if (representations.size() >= MAX_CACHED_REPRESENTATIONS) {
            representations.clear();
        }
        representations.put(file, representation);
        return representation;
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, boolean get, int status) {
        response.setStatus(status);
        count(request, get, status);
    }

    private void count(HttpServletRequest request, boolean get, int status) {
        String method = request.getMethod();
        AtomicReferenceArray<Counter> byStatus = get ? getResponses
                : "HEAD".equals(method) ? headResponses : null;
        if (byStatus == null || status >= byStatus.length()) {
            responses(method, status).increment();
            return;
        }
        Counter counter = byStatus.get(status);
        if (counter == null) {
            counter = responses(method, status);
            byStatus.set(status, counter);
        }
        counter.increment();
    }

    private Counter responses(String method, int status) {
        return Counter.builder("download.responses").description("document responses by method and status")
                .tag("method", method).tag("status", Integer.toString(status)).register(meters);
    }

    /**
     * Makes the DownloadRequested of a GET answered 200, 206 or 304 durable before anything of the response
     * is sent. {@code bytes} is the planned body length: a client that aborts mid-body is still recorded with
     * it (the request was made and answered; the counting policy decides what a partial transfer is worth).
     * When the record cannot be made durable the download is refused with 503 + Retry-After: serving it would
     * lose a fact the figures are built on, while a refused client can simply retry.
     */
    private void recordBeforeAnswering(HttpServletRequest request, HttpServletResponse response, DocumentFile file,
            int status, ByteRange range, long bytes) {
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        try {
            recorder.record(new DownloadRequested(
                    UUID.randomUUID().toString(),
                    file.documentId(),
                    file.editionId(),
                    clock.instant(),
                    request.getMethod(),
                    status,
                    range == null ? null : range.first(),
                    range == null ? null : range.last(),
                    bytes,
                    userAgent == null ? null
                            : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_LIMIT)),
                    visitorKeys.keyFor(request.getRemoteAddr(), userAgent),
                    properties.instanceId()));
        } catch (DownloadRecorder.NotRecorded e) {
            response.reset();
            throw new DocumentNotServable(HttpStatus.SERVICE_UNAVAILABLE,
                    "Downloads cannot be recorded at the moment; please try again later.", e.retryAfterSeconds());
        }
    }

    private DocumentFile servable(String documentId) {
        if (!isUuid(documentId)) {
            throw notFound();
        }
        DocumentLookup lookup = view.find(documentId);
        if (lookup instanceof DocumentLookup.Servable servable) {
            return servable.file();
        }
        if (lookup instanceof DocumentLookup.Withdrawn) {
            throw new DocumentNotServable(HttpStatus.GONE, "This document has been withdrawn.");
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
        return new DocumentNotServable(HttpStatus.NOT_FOUND, "No document has this id.");
    }

    private void redirect(DocumentFile file, HttpServletResponse response) {
        response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
        // Path-absolute, so it stays right behind the gateway that proxies /documents/** to this service.
        Representation known = representations.get(file);
        response.setHeader(HttpHeaders.LOCATION,
                known != null ? known.location() : Representation.canonicalLocation(file));
        response.setHeader(HttpHeaders.CACHE_CONTROL, properties.cacheControl());
    }

    /** Several If-None-Match lines mean the same as one comma-separated line. */
    private static String joined(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    /**
     * RFC 9457 problem details, whatever the {@code Accept} header says: a client that only accepts
     * {@code application/pdf} still learns why there is no PDF.
     */
    private void problem(DocumentNotServable e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        count(request, "GET".equals(request.getMethod()), e.status.value());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", e.status.getReasonPhrase());
        problem.put("status", e.status.value());
        problem.put("detail", e.getMessage());
        problem.put("instance", request.getRequestURI());
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatus(e.status.value());
        if (e.retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    static final class DocumentNotServable extends RuntimeException {
        private final HttpStatus status;
        private final long retryAfterSeconds;

        DocumentNotServable(HttpStatus status, String detail) {
            this(status, detail, 0);
        }

        DocumentNotServable(HttpStatus status, String detail, long retryAfterSeconds) {
            super(detail, null, false, false);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
