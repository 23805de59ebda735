package nl.publicaties.gateway.site.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Headers every answer carries: the pages need no script, no framing and no third-party origin. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                    + "form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    public void addSecurityHeaders(MutableHttpResponse<?> response) {
        response.getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "strict-origin-when-cross-origin");
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().remove("Server");
    }
}
