package nl.publicaties.gateway.site.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The gateway's error answers: a Dutch HTML page for people, RFC 9457 problem+json for API callers. Never a
 * stack trace, never the address of a backend.
 */
@Singleton
public class ErrorPages {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    /** Seconds a visitor (or crawler) should wait before retrying when a backend is down. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private final JsonMapper json;

    public ErrorPages(JsonMapper json) {
        this.json = json;
    }

    public MutableHttpResponse<?> notFound(HttpRequest<?> request) {
        return answer(request, HttpStatus.NOT_FOUND, "Pagina niet gevonden",
                "De pagina die u zoekt bestaat niet (meer). Misschien is het adres niet goed overgenomen.");
    }

    public MutableHttpResponse<?> catalogUnavailable(HttpRequest<?> request) {
        return answer(request, HttpStatus.SERVICE_UNAVAILABLE, "Pagina tijdelijk niet beschikbaar",
                "Deze pagina kan op dit moment niet worden getoond. Probeer het over een paar minuten opnieuw.")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    public MutableHttpResponse<?> downloadUnavailable(HttpRequest<?> request) {
        return answer(request, HttpStatus.BAD_GATEWAY, "Download tijdelijk niet beschikbaar",
                "Het bestand kan op dit moment niet worden opgehaald. Probeer het over een paar minuten opnieuw.")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    public MutableHttpResponse<?> documentWithdrawn(HttpRequest<?> request) {
        return answer(request, HttpStatus.GONE, "Document ingetrokken",
                "Dit document is ingetrokken en kan niet meer worden gedownload.");
    }

    /** The download service cannot serve the file right now (it answered 503); its Retry-After is kept. */
    public MutableHttpResponse<?> downloadRefused(HttpRequest<?> request, String retryAfterSeconds) {
        return answer(request, HttpStatus.SERVICE_UNAVAILABLE, "Download tijdelijk niet beschikbaar",
                "Het bestand kan op dit moment niet worden gedownload. Probeer het over een paar minuten opnieuw.")
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds == null ? RETRY_AFTER_SECONDS : retryAfterSeconds);
    }

    public MutableHttpResponse<?> badRequest(HttpRequest<?> request) {
        return answer(request, HttpStatus.BAD_REQUEST, "Ongeldig verzoek",
                "Dit adres kan niet worden verwerkt.");
    }

    public MutableHttpResponse<?> answer(HttpRequest<?> request, HttpStatus status, String title, String message) {
        MutableHttpResponse<?> response = wantsProblem(request)
                ? HttpResponse.status(status).contentType(PROBLEM_JSON)
                        .body(problemJson(new Problem("about:blank", title, status.getCode(), message,
                                request.getPath())))
                : HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE)
                        .body(new ModelAndView<>("error",
                                Map.of("status", status.getCode(), "title", title, "message", message)));
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** API paths and callers that ask for JSON get problem+json; browsers get the page. */
    private static boolean wantsProblem(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/")) {
            return true;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    private String problemJson(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 9457 problem details. */
    @Serdeable
    public record Problem(String type, String title, int status, String detail, String instance) {
    }
}
