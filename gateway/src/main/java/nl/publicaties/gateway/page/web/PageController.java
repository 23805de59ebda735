package nl.publicaties.gateway.page.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import nl.publicaties.gateway.page.query.PageLoader;
import nl.publicaties.gateway.page.query.PageResult;
import nl.publicaties.gateway.site.web.ErrorPages;
import reactor.core.publisher.Mono;

/** The public HTML pages: the index of all series and one page per series. */
@Controller
// HTML for people; the OpenAPI description covers the JSON (PageApiController)
@Hidden
public class PageController {

    /** Lower-case words joined by hyphens: anything else cannot be a series and never reaches the catalog. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_SLUG_LENGTH = 120;

    private final PageLoader loader;
    private final ErrorPages errorPages;
    private volatile PageEtag lastEtag;

    public PageController(PageLoader loader, ErrorPages errorPages) {
        this.loader = loader;
        this.errorPages = errorPages;
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    public Mono<HttpResponse<?>> index(HttpRequest<?> request) {
        return loader.listSeries().map(list -> list
                .<HttpResponse<?>>map(series -> HttpResponse.ok(new ModelAndView<>("index", Map.of("series", series)))
                        .contentType(MediaType.TEXT_HTML_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "public, no-cache"))
                .orElseGet(() -> errorPages.catalogUnavailable(request)));
    }

    @Get(uri = "/over-de-downloadcijfers", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> countingMethod() {
        return HttpResponse.ok(new ModelAndView<>("telmethode", Map.of()))
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    @Get(uri = "/{slug}", produces = MediaType.TEXT_HTML)
    public Mono<HttpResponse<?>> series(String slug, HttpRequest<?> request) {
        if (!isSlug(slug)) {
            return Mono.just(errorPages.notFound(request));
        }
        return loader.load(slug).map(result -> {
            if (result instanceof PageResult.Found found) {
                return pageResponse(request, found);
            }
            if (result instanceof PageResult.NotFound) {
                return errorPages.notFound(request);
            }
            return errorPages.catalogUnavailable(request);
        });
    }

    static boolean isSlug(String slug) {
        return slug != null && slug.length() <= MAX_SLUG_LENGTH && SLUG.matcher(slug).matches();
    }

    private HttpResponse<?> pageResponse(HttpRequest<?> request, PageResult.Found found) {
        String etag = etag(found);
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        MutableHttpResponse<?> response = etag.equals(ifNoneMatch)
                ? HttpResponse.notModified()
                : HttpResponse.ok(new ModelAndView<>("series", Map.of("page", found.page(), "stale", found.stale())))
                        .contentType(MediaType.TEXT_HTML_TYPE);
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, no-cache");
    }

    /**
     * The model decides the HTML, so a hash of the model is a faithful validator for the rendered page. The same
     * result object is served to every visitor while it is fresh (PageLoader), so its hash is kept with it.
     */
    private String etag(PageResult.Found found) {
        PageEtag last = lastEtag;
        if (last != null && last.found() == found) {
            return last.etag();
        }
        String etag = "W/\"" + sha256(found.page().toString() + found.stale()).substring(0, 32) + "\"";
        lastEtag = new PageEtag(found, etag);
        return etag;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record PageEtag(PageResult.Found found, String etag) {
    }
}
