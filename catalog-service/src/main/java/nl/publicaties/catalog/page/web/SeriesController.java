package nl.publicaties.catalog.page.web;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.publicaties.catalog.page.query.AsOfPages;
import nl.publicaties.catalog.page.query.SeriesPages;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/series")
public class SeriesController {

    private final SeriesPages pages;
    private final AsOfPages asOfPages;
    private final JsonMapper json;

    public SeriesController(SeriesPages pages, AsOfPages asOfPages, JsonMapper json) {
        this.pages = pages;
        this.asOfPages = asOfPages;
        this.json = json;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<SeriesSummary> all() {
        return pages.all();
    }

    /**
     * The page is serialized here, not by the message converter, so that the ETag is the hash of exactly the
     * bytes sent: the gateway can revalidate with {@code If-None-Match} and get a 304. With {@code asOf}
     * (an ISO-8601 instant) the page is the one that stood at that instant, computed from the events.
     */
    @GetMapping(path = "/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> bySlug(@PathVariable String slug,
                                         @RequestParam(required = false) Instant asOf,
                                         @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                         String ifNoneMatch) {
        Optional<SeriesPage> page = asOf == null ? pages.bySlug(slug) : asOfPages.bySlug(slug, asOf);
        byte[] body = json.writeValueAsBytes(page.orElseThrow(() -> new UnknownSeries(slug)));
        String etag = "\"" + sha256(body) + "\"";
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(UnknownSeries.class)
    ProblemDetail unknownSeries(UnknownSeries e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no series with slug '" + e.slug + "'.");
        problem.setTitle("Series not found");
        problem.setType(URI.create("urn:publicaties:problem:series-not-found"));
        return problem;
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static final class UnknownSeries extends RuntimeException {
        private final String slug;

        UnknownSeries(String slug) {
            super("unknown series " + slug, null, false, false);
            this.slug = slug;
        }
    }
}
