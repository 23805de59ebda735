package nl.publicaties.gateway.page.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.publicaties.gateway.page.PublicationPage;
import nl.publicaties.gateway.page.query.PageLoader;
import nl.publicaties.gateway.page.query.PageResult;
import nl.publicaties.gateway.site.web.ErrorPages;
import reactor.core.publisher.Mono;

/** The merged page data as JSON: the same content as the HTML page, for other sites and for checks. */
@Controller("/api/pages")
@Tag(name = "Pagina's", description = "Series pages as JSON")
public class PageApiController {

    private final PageLoader loader;
    private final ErrorPages errorPages;

    public PageApiController(PageLoader loader, ErrorPages errorPages) {
        this.loader = loader;
        this.errorPages = errorPages;
    }

    // errors set application/problem+json themselves; declaring it here would describe the page as a problem too
    @Get(uri = "/{slug}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSeriesPage", summary = "A series page with its download counts",
            description = "The same merged data as the HTML page /{slug}: the catalog's published editions, newest "
                    + "first, documents in catalog order, each with its counts. Counts are optional: when the stats "
                    + "service does not answer in time the page still comes, with countsAvailable false and every "
                    + "counts null. When the catalog fails, the last good copy is served with X-Catalog-Stale: true.")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicationPage.class)),
            headers = {
                    @Header(name = "X-Catalog-Stale", description = "true when this is the last good copy because "
                            + "the catalog could not be reached", schema = @Schema(type = "boolean")),
                    @Header(name = "Cache-Control", description = "public, no-cache",
                            schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "No series with this slug (RFC 9457 problem details)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ErrorPages.Problem.class)))
    @ApiResponse(responseCode = "503", description = "The catalog is unreachable and the page was never loaded "
            + "before (RFC 9457 problem details)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ErrorPages.Problem.class)),
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
    public Mono<HttpResponse<?>> page(
            @Parameter(description = "the series' slug: lower-case words joined by hyphens",
                    schema = @Schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength = PageController.MAX_SLUG_LENGTH),
                    example = "monitor-integriteit-en-veiligheid") String slug,
            HttpRequest<?> request) {
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
