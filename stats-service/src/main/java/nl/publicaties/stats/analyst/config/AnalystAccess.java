package nl.publicaties.stats.analyst.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets analysts (and nobody else) at the ledger, the raw events, rebuilds and the dashboard. One shared
 * analyst token, configured as its SHA-256 only (env {@code STATS_ANALYST_TOKEN_SHA256}), so the secret
 * itself is in no configuration file. Sent as {@code Authorization: Bearer <token>} by scripts, or as the
 * password of HTTP Basic (any user name) by a browser. Without a configured hash every request is refused.
 */
@Component
public class AnalystAccess implements HandlerInterceptor {

    static final String REALM = "Basic realm=\"Publicaties statistiek (analisten)\", charset=\"UTF-8\"";

    private final byte[] expected;

    public AnalystAccess(@Value("${stats.analyst.token-sha256:}") String tokenSha256) {
        String hex = tokenSha256 == null ? "" : tokenSha256.strip().toLowerCase(Locale.ROOT);
        this.expected = hex.matches("[0-9a-f]{64}") ? HexFormat.of().parseHex(hex) : null;
    }

    public boolean configured() {
        return expected != null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (allowed(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("""
                {"type":"urn:publicaties:problem:analyst-only","title":"Analysts only","status":401,\
                "detail":"This view is for analysts: send the analyst token as a Bearer token or as the Basic password."}""");
        return false;
    }

    boolean allowed(String authorization) {
        if (expected == null || authorization == null) {
            return false;
        }
        String token = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).strip();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                token = colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return token != null && !token.isEmpty() && MessageDigest.isEqual(expected, sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
