package nl.publicaties.gateway.site.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import nl.publicaties.gateway.download.client.DownloadInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Site-wide routes: health, and the Dutch answers for routes that do not exist or cannot be read. */
@Controller
// health and error pages are no part of the public JSON API
@Hidden
public class SiteController {

    private static final Logger LOG = LoggerFactory.getLogger(SiteController.class);

    private final ErrorPages errorPages;
    private final DownloadInstances downloadInstances;

    public SiteController(ErrorPages errorPages, DownloadInstances downloadInstances) {
        this.errorPages = errorPages;
        this.downloadInstances = downloadInstances;
    }

    /**
     * The gateway is up; beside it, how many download-service instances it found and how many take requests (no
     * addresses: this is public). Downloads failing does not make the gateway unhealthy, its pages still work.
     */
    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("UP", downloadInstances.counts());
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

    /**
     * Netty's decoder rejects a malformed request line ("GET /a b HTTP/1.1") with an IllegalArgumentException,
     * which Micronaut would answer with 500: the client sent nonsense, so it gets 400. The message is logged
     * without the stack, so a programming error of the same type still shows in the log. Plain text: a request
     * that failed to decode does not pass the server's filters, so no view could be rendered for it.
     */
    @Error(exception = IllegalArgumentException.class, global = true)
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<?> malformedRequest(IllegalArgumentException e) {
        LOG.warn("refused a malformed request: {}", e.toString());
        return HttpResponse.badRequest("Ongeldig verzoek.\n").contentType(MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * A page asked for in a form it does not come in ({@code Accept: application/pdf} for the series page, CSV
     * for the JSON API): 406, explained in Dutch, as HTML or problem+json like every other error.
     */
    @Error(status = HttpStatus.NOT_ACCEPTABLE, global = true)
    @Produces({MediaType.TEXT_HTML, "application/problem+json", MediaType.ALL})
    public HttpResponse<?> notAcceptable(HttpRequest<?> request) {
        return errorPages.answer(request, HttpStatus.NOT_ACCEPTABLE, "Niet beschikbaar in deze vorm",
                "Deze pagina bestaat alleen als webpagina (HTML); de gegevens onder /api/ alleen als JSON.");
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    @Produces({MediaType.TEXT_HTML, "application/problem+json"})
    public HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return errorPages.answer(request, HttpStatus.METHOD_NOT_ALLOWED, "Niet toegestaan",
                "Deze pagina kan alleen worden opgevraagd, niet gewijzigd.");
    }

    /** Liveness of the gateway itself; the backends are optional or degrade (see README). */
    @Serdeable
    public record Health(String status, DownloadInstances.Counts downloadInstances) {
    }
}
