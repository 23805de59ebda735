package nl.publicaties.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser-like client speaking plain HTTP to the gateway: no framework between the test and the wire. */
public final class Visitor {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            // as browsers do on plain http: no h2c upgrade attempt
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;

    public Visitor(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, "GET", headers), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        return send(request(path, "GET", headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<InputStream> getStream(String path, String... headers) {
        return send(request(path, "GET", headers), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> head(String path, String... headers) {
        return send(request(path, "HEAD", headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String method, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
