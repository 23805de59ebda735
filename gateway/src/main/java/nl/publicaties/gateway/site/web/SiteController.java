package nl.publicaties.gateway.site.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.serde.annotation.Serdeable;

/** Site-wide routes: health, and the Dutch answers for routes that do not exist or cannot be read. */
@Controller
public class SiteController {

    private final ErrorPages errorPages;

    public SiteController(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("UP");
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    @Produces({MediaType.TEXT_HTML, "application/problem+json"})
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        return errorPages.notFound(request);
    }

    @Error(status = HttpStatus.BAD_REQUEST, global = true)
    @Produces({MediaType.TEXT_HTML, "application/problem+json"})
    public HttpResponse<?> badRequest(HttpRequest<?> request) {
        return errorPages.badRequest(request);
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    @Produces({MediaType.TEXT_HTML, "application/problem+json"})
    public HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return errorPages.answer(request, HttpStatus.METHOD_NOT_ALLOWED, "Niet toegestaan",
                "Deze pagina kan alleen worden opgevraagd, niet gewijzigd.");
    }

    /** Liveness of the gateway itself; the backends are optional or degrade (see README). */
    @Serdeable
    public record Health(String status) {
    }
}
