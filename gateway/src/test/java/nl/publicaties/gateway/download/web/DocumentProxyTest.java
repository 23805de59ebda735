package nl.publicaties.gateway.download.web;

import static nl.publicaties.gateway.testsupport.SeriesPageMother.MONITOR_2022;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.publicaties.gateway.testsupport.RecordedBackends;
import nl.publicaties.gateway.testsupport.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentProxyTest implements TestPropertyProvider {

    private static final String RAPPORT_2022 = "/documents/" + MONITOR_2022 + "/monitor-integriteit-en-veiligheid-2022.pdf";

    private final RecordedBackends backends = new RecordedBackends();

    @Inject
    EmbeddedServer server;

    private Visitor visitor;

    @Override
    public Map<String, String> getProperties() {
        return backends.asEveryBackend();
    }

    @BeforeEach
    void setUp() {
        visitor = new Visitor(server.getURL().toString());
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }

    @Test
    void givenRangeRequest_whenDocumentRequested_then206WithContentRangeAndLength() {
        HttpResponse<byte[]> response = visitor.getBytes(RAPPORT_2022, "Range", "bytes=100-1099");

        assertEquals(206, response.statusCode());
        assertEquals("bytes 100-1099/1048576", response.headers().firstValue("Content-Range").orElse(""));
        assertEquals("1000", response.headers().firstValue("Content-Length").orElse(""));
        byte[] expected = new byte[1000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = RecordedBackends.byteAt(100 + i);
        }
        assertArrayEquals(expected, response.body());
        assertTrue(backends.lastDownloadRequestHeaders.contains("Range: [bytes=100-1099]"),
                backends.lastDownloadRequestHeaders);
    }

    @Test
    void givenLargeDocument_whenDownloaded_thenStreamedWhole_withContentLength_andWithoutBackendHeaders()
            throws IOException {
        String path = "/documents/" + RecordedBackends.LARGE_DOCUMENT + "/groot.pdf";

        HttpResponse<InputStream> response = visitor.getStream(path);

        assertEquals(200, response.statusCode());
        assertEquals(Long.toString(RecordedBackends.LARGE_SIZE),
                response.headers().firstValue("Content-Length").orElse("(none)"));
        assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("\"sha-" + RecordedBackends.LARGE_DOCUMENT + "\"", response.headers().firstValue("ETag").orElse(""));
        assertFalse(response.headers().firstValue("Server").isPresent());
        assertFalse(response.headers().firstValue("Keep-Alive").isPresent());
        assertFalse(response.headers().firstValue("Transfer-Encoding").isPresent());
        long received = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                if (received == 0) {
                    assertEquals(RecordedBackends.byteAt(0), buffer[0]);
                }
                received += n;
            }
        }
        assertEquals(RecordedBackends.LARGE_SIZE, received);
    }

    @Test
    void givenHeadRequest_whenDocumentRequested_thenHeadersWithoutBody() {
        HttpResponse<String> response = visitor.head(RAPPORT_2022);

        assertEquals(200, response.statusCode());
        assertEquals("1048576", response.headers().firstValue("Content-Length").orElse("(none)"));
        assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("", response.body());
    }

    @Test
    void givenMatchingETag_whenDocumentRevalidated_then304() {
        String etag = "\"sha-" + MONITOR_2022 + "\"";

        HttpResponse<String> response = visitor.get(RAPPORT_2022, "If-None-Match", etag);

        assertEquals(304, response.statusCode());
        assertEquals(etag, response.headers().firstValue("ETag").orElse(""));
        assertFalse(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                "a 304 is about the PDF: " + response.headers());
    }

    @Test
    void givenConditionalRangeAndCookies_whenProxied_thenOnlyDownloadHeadersReachTheBackend() {
        visitor.getBytes(RAPPORT_2022, "Range", "bytes=0-9", "If-Range", "\"sha-x\"", "Cookie", "sessie=geheim");

        assertTrue(backends.lastDownloadRequestHeaders.contains("If-range: [\"sha-x\"]"),
                backends.lastDownloadRequestHeaders);
        assertFalse(backends.lastDownloadRequestHeaders.toLowerCase().contains("geheim"));
        assertTrue(backends.lastDownloadRequestHeaders.contains("X-forwarded-for"),
                backends.lastDownloadRequestHeaders);
    }

    @Test
    void givenAVisitorWhoWritesXForwardedForHimself_whenNotFromATrustedProxy_thenOnlyThePeerReachesTheBackend() {
        visitor.getBytes(RAPPORT_2022, "X-Forwarded-For", "198.51.100.9");

        assertTrue(backends.lastDownloadRequestHeaders.contains("X-forwarded-for: [127.0.0.1]"),
                backends.lastDownloadRequestHeaders);
    }

    @Test
    void givenBackendAnswers404_whenProxied_then404PassesThrough() {
        assertEquals(404, visitor.get("/documents/onbekend").statusCode());
    }

    @Test
    void givenClientsThatNameWhatTheyAccept_whenDocumentRequested_thenEachGetsTheFileAsItIs() {
        for (String accept : List.of("application/pdf", "text/html", "application/octet-stream", "*/*")) {
            HttpResponse<byte[]> response = visitor.getBytes(RAPPORT_2022, "Accept", accept);

            assertEquals(200, response.statusCode(), "Accept: " + accept);
            assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""), accept);
            assertEquals(1_048_576, response.body().length, accept);
        }
    }

    @Test
    void givenWithdrawnDocument_whenABrowserFollowsItsLink_thenTheDutch410Page() {
        HttpResponse<String> response = visitor.get(document(RecordedBackends.WITHDRAWN_DOCUMENT), "Accept", BROWSER);

        assertDutchPage(response, 410, "Document ingetrokken");
    }

    @Test
    void givenUnknownDocument_whenABrowserFollowsItsLink_thenTheDutch404Page() {
        HttpResponse<String> response = visitor.get(document(RecordedBackends.UNKNOWN_DOCUMENT), "Accept", BROWSER);

        assertDutchPage(response, 404, "Pagina niet gevonden");
    }

    @Test
    void givenDownloadThatCannotBeRecorded_whenABrowserAsks_thenTheDutch503Page_withTheServicesRetryAfter() {
        HttpResponse<String> response = visitor.get(document(RecordedBackends.UNRECORDABLE_DOCUMENT),
                "Accept", BROWSER);

        assertDutchPage(response, 503, "Download tijdelijk niet beschikbaar");
        assertEquals("45", response.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void givenDownloadServiceFailsOnADocument_whenABrowserAsks_thenTheDutch502Page() {
        HttpResponse<String> response = visitor.get(document(RecordedBackends.FAILING_DOCUMENT), "Accept", BROWSER);

        assertDutchPage(response, 502, "Download tijdelijk niet beschikbaar");
        assertFalse(response.body().contains("could not be answered"), response.body());
    }

    @Test
    void givenWithdrawnDocument_whenAnApiClientAsks_thenProblemJson410() {
        HttpResponse<String> response = visitor.get(document(RecordedBackends.WITHDRAWN_DOCUMENT),
                "Accept", "application/json");

        assertEquals(410, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains("\"status\":410"), response.body());
        assertTrue(response.body().contains("Document ingetrokken"), response.body());
    }

    @Test
    void givenWithdrawnDocument_whenHeadRequested_then410WithoutBody() {
        HttpResponse<String> response = visitor.head(document(RecordedBackends.WITHDRAWN_DOCUMENT));

        assertEquals(410, response.statusCode());
        assertEquals("", response.body());
    }

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static String document(String id) {
        return "/documents/" + id + "/rapport.pdf";
    }

    private static void assertDutchPage(HttpResponse<String> response, int status, String title) {
        assertEquals(status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().toString());
        assertTrue(response.body().contains("<html lang=\"nl\""), response.body());
        assertTrue(response.body().contains(title), response.body());
        assertFalse(response.body().contains("withdrawn") || response.body().contains("No document"),
                "the download service's English detail reached the visitor: " + response.body());
    }
}
