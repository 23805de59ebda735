package nl.publicaties.download.delivery.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET|HEAD /documents/{documentId}/{fileName}}. The URL only selects a document id; the file is
 * found through the catalog's content hash in the blob store, so no part of a URL ever becomes a path.
 * HTTP semantics (RFC 9110): see the module README.
 */
@Controller
public class DocumentController {

    private static final Logger log = LoggerFactory.getLogger(DocumentController.class);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int USER_AGENT_LIMIT = 256;

    private final DocumentView view;
    private final BlobStore blobs;
    private final DownloadRecorder recorder;
    private final VisitorKeys visitorKeys;
    private final DownloadProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;

    public DocumentController(DocumentView view, BlobStore blobs, DownloadRecorder recorder,
            VisitorKeys visitorKeys, DownloadProperties properties, Clock clock, MeterRegistry meters,
            JsonMapper json) {
        this.json = json;
        this.view = view;
        this.blobs = blobs;
        this.recorder = recorder;
        this.visitorKeys = visitorKeys;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** A link without (or with an empty) file name still leads to the document. */
    @RequestMapping(path = {"/documents/{documentId}", "/documents/{documentId}/"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    public void redirectToFileName(@PathVariable String documentId, HttpServletResponse response) {
        DocumentFile file = servable(documentId);
        redirect(file, response);
    }

    @RequestMapping(path = "/documents/{documentId}/{fileName}", method = {RequestMethod.GET, RequestMethod.HEAD})
    public void serve(@PathVariable String documentId, @PathVariable String fileName, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        DocumentFile file = servable(documentId);
        if (!file.documentId().equals(documentId) || !file.fileName().equals(fileName)) {
            redirect(file, response);
            return;
        }
        Path path = blobs.find(file.sha256()).orElseThrow(() -> {
            log.warn("Blob {} of document {} is missing from the blob store", file.sha256(), file.documentId());
            return new DocumentNotServable(HttpStatus.NOT_FOUND, "The file of this document is not available.");
        });
        long length = Files.size(path);
        boolean get = "GET".equals(request.getMethod());
        String etag = "\"" + file.sha256() + "\"";
        Preconditions preconditions = new Preconditions(etag, file.lastModified());

        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.LAST_MODIFIED, Preconditions.httpDate(file.lastModified()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, properties.cacheControl());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");

        Preconditions.Outcome outcome = preconditions.evaluate(request.getHeader(HttpHeaders.IF_MATCH),
                request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE), joined(request, HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE));
        if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
            finish(request, response, HttpStatus.PRECONDITION_FAILED.value());
            return;
        }
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            if (get) {
                recordBeforeAnswering(request, response, file, HttpStatus.NOT_MODIFIED.value(), null, 0);
            }
            finish(request, response, HttpStatus.NOT_MODIFIED.value());
            return;
        }

        // Range is defined for GET only (RFC 9110 §14.2); HEAD describes the whole representation.
        RangeSelection selection = get && preconditions.rangeStillApplies(request.getHeader(HttpHeaders.IF_RANGE))
                ? RangeSelection.of(request.getHeader(HttpHeaders.RANGE), length)
                : new RangeSelection.Whole();
        if (selection instanceof RangeSelection.Unsatisfiable) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
            finish(request, response, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            return;
        }
        ByteRange range = selection instanceof RangeSelection.Part part ? part.range() : null;
        long start = range == null ? 0 : range.first();
        long count = range == null ? length : range.length();
        response.setContentType(file.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDispositionHeader.inline(file.fileName()));
        response.setContentLengthLong(count);
        if (range != null) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(length));
        } else {
            response.setStatus(HttpStatus.OK.value());
        }
        long sent = 0;
        if (get) {
            // Status and planned length are known now: the record is durable before the first body byte.
            recordBeforeAnswering(request, response, file, response.getStatus(), range, count);
            FileBody.Transfer transfer = FileBody.write(path, start, count, request, response);
            sent = transfer.bytes();
            Counter.builder("download.bytes.served").baseUnit("bytes")
                    .description("file bytes handed to the connector")
                    .tag("transfer", transfer.sendfile() ? "sendfile" : "copy")
                    .register(meters).increment(sent);
        }
        finish(request, response, response.getStatus());
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, int status) {
        response.setStatus(status);
        Counter.builder("download.responses").description("document responses by method and status")
                .tag("method", request.getMethod()).tag("status", Integer.toString(status))
                .register(meters).increment();
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
        if (!UUID_TEXT.matcher(documentId).matches()) {
            throw new DocumentNotServable(HttpStatus.NOT_FOUND, "No document has this id.");
        }
        DocumentLookup lookup = view.find(documentId);
        if (lookup instanceof DocumentLookup.Servable servable) {
            return servable.file();
        }
        if (lookup instanceof DocumentLookup.Withdrawn) {
            throw new DocumentNotServable(HttpStatus.GONE, "This document has been withdrawn.");
        }
        throw new DocumentNotServable(HttpStatus.NOT_FOUND, "No document has this id.");
    }

    private void redirect(DocumentFile file, HttpServletResponse response) {
        response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
        // Path-absolute, so it stays right behind the gateway that proxies /documents/** to this service.
        response.setHeader(HttpHeaders.LOCATION, "/documents/" + file.documentId() + "/"
                + UriUtils.encodePathSegment(file.fileName(), StandardCharsets.UTF_8));
        response.setHeader(HttpHeaders.CACHE_CONTROL, properties.cacheControl());
    }

    /** Several If-None-Match lines mean the same as one comma-separated line. */
    private static String joined(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        StringBuilder joined = new StringBuilder(values.nextElement());
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    /**
     * Written by hand rather than through a message converter: the converter would add Spring's
     * reflected-file-download guard ({@code Content-Disposition: inline;filename=f.txt}) because the URL ends
     * in {@code .pdf}, and would answer 406 to a client that only accepts {@code application/pdf}.
     */
    @ExceptionHandler(DocumentNotServable.class)
    void notServable(DocumentNotServable e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Counter.builder("download.responses").description("document responses by method and status")
                .tag("method", request.getMethod()).tag("status", Integer.toString(e.status.value()))
                .register(meters).increment();
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
        response.getOutputStream().write(body);
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
