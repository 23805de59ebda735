package nl.publicaties.gateway.page.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import nl.publicaties.gateway.page.query.PageLoader;
import nl.publicaties.gateway.page.query.PageResult;
import nl.publicaties.gateway.site.web.ErrorPages;
import reactor.core.publisher.Mono;

/** The merged page data as JSON: the same content as the HTML page, for other sites and for checks. */
@Controller("/api/pages")
public class PageApiController {

    private final PageLoader loader;
    private final ErrorPages errorPages;

    public PageApiController(PageLoader loader, ErrorPages errorPages) {
        this.loader = loader;
        this.errorPages = errorPages;
    }

    @Get("/{slug}")
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    public Mono<HttpResponse<?>> page(String slug, HttpRequest<?> request) {
        if (!PageController.isSlug(slug)) {
            return Mono.just(errorPages.notFound(request));
        }
        return loader.load(slug).map(result -> {
            if (result instanceof PageResult.Found found) {
                return HttpResponse.ok(found.page())
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "public, no-cache")
                        .header("X-Catalog-Stale", Boolean.toString(found.stale()));
            }
            if (result instanceof PageResult.NotFound) {
                return errorPages.notFound(request);
            }
            return errorPages.catalogUnavailable(request);
        });
    }
}
