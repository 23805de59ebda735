package nl.publicaties.gateway.site.web;

import java.util.Locale;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries: the pages need no script, no framing and no third-party origin; and text says that
 * it may come compressed.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                    + "form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    public void addSecurityHeaders(MutableHttpResponse<?> response) {
        // text is sent gzipped to clients that ask (Micronaut compresses text from 1 KB): a shared cache must keep
        // the two apart (RFC 9110 §12.5.5). Files (PDF) are never compressed, so their answers do not vary by it.
        boolean text = response.getContentType().map(type -> type.isTextBased()).orElse(false);
        if (text && response.getHeaders().getAll(HttpHeaders.VARY).stream()
                .noneMatch(value -> value.toLowerCase(Locale.ROOT).contains("accept-encoding"))) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        response.getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "strict-origin-when-cross-origin");
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().remove("Server");
    }
}
