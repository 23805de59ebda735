package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The servlet on its own, without Tomcat or Spring: what it decides per request, what it works out once per
 * document, and that a download's record is made before anything of the response exists. The HTTP semantics
 * over a real connector are in {@code DocumentDownloadIT}.
 */
class DocumentServletTest {

    private static final String EDITION = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022";
    private static final String MONITOR_2022 = "0f5a8e1c-6b2d-4c1e-9a7b-202200000001";
    private static final String FILE = "monitor-integriteit-en-veiligheid-2022.pdf";
    private static final Instant ADDED = Instant.parse("2022-11-15T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path blobDir;

    private final DocumentView view = new DocumentView();
    private final List<DownloadRequested> recorded = new ArrayList<>();
    private final AtomicInteger blobLookups = new AtomicInteger();
    private MockHttpServletResponse current;
    private DownloadRecorder recorder;
    private BlobStore blobs;
    private byte[] monitorBytes;
    private DocumentServlet servlet;

    @BeforeEach
    void catalog() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(blobDir);
        blobs = new BlobStore() {
            @Override
            public StoredBlob put(InputStream content, long maxBytes) throws IOException {
                return store.put(content, maxBytes);
            }

            @Override
            public Optional<Path> find(String sha256) {
                blobLookups.incrementAndGet();
                return store.find(sha256);
            }
        };
        monitorBytes = "%PDF-1.7 monitor 2022".getBytes(StandardCharsets.US_ASCII);
        String sha = store.put(new ByteArrayInputStream(monitorBytes), 1_000).sha256();
        view.apply(new DocumentAdded(MONITOR_2022, EDITION, "series", "Monitor 2022", "rapport", "", null, null,
                "nl", 1, FILE, "application/pdf", monitorBytes.length, sha), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 15)));
        recorder = event -> {
            // The record must exist before the status line or a single body byte does.
            assertThat(current.isCommitted()).isFalse();
            assertThat(current.getContentAsByteArray()).isEmpty();
            recorded.add(event);
        };
    }

    @Test
    void givenPublishedDocument_whenGet_thenRecordedBeforeTheBodyAndBytesServed() throws Exception {
        MockHttpServletResponse response = send("GET", "/" + MONITOR_2022 + "/" + FILE);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEqualTo(monitorBytes);
        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.documentId()).isEqualTo(MONITOR_2022);
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.bytes()).isEqualTo(monitorBytes.length);
        });
    }

    @Test
    void givenSameDocument_whenServedManyTimes_thenItsFileIsLookedUpOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send("GET", "/" + MONITOR_2022 + "/" + FILE).getStatus()).isEqualTo(200);
        }
        assertThat(send("HEAD", "/" + MONITOR_2022 + "/" + FILE).getHeader("ETag")).isNotNull();

        assertThat(blobLookups).hasValue(1);
    }

    @Test
    void givenFileReplacedAfterServing_whenGet_thenNewBytesAndNewEtag() throws Exception {
        String oldEtag = send("GET", "/" + MONITOR_2022 + "/" + FILE).getHeader("ETag");
        byte[] corrected = "%PDF-1.7 monitor 2022, corrected".getBytes(StandardCharsets.US_ASCII);
        String sha = blobs.put(new ByteArrayInputStream(corrected), 1_000).sha256();
        view.apply(new DocumentFileReplaced(MONITOR_2022, EDITION, "series", 2, FILE, "application/pdf",
                corrected.length, sha, "old"), ADDED.plusSeconds(86_400));

        MockHttpServletResponse response = send("GET", "/" + MONITOR_2022 + "/" + FILE);

        assertThat(response.getContentAsByteArray()).isEqualTo(corrected);
        assertThat(response.getHeader("ETag")).isEqualTo("\"" + sha + "\"").isNotEqualTo(oldEtag);
        assertThat(response.getHeader("Last-Modified")).isEqualTo("Wed, 16 Nov 2022 09:00:00 GMT");
    }

    @Test
    void givenUpperCaseIdWithoutFileName_whenGet_then301ToCanonicalUrlAndNoRecord() throws Exception {
        MockHttpServletResponse response = send("GET", "/" + MONITOR_2022.toUpperCase());

        assertThat(response.getStatus()).isEqualTo(301);
        assertThat(response.getHeader("Location")).isEqualTo("/documents/" + MONITOR_2022 + "/" + FILE);
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenPathDeeperThanAFileName_whenGet_then404Problem() throws Exception {
        MockHttpServletResponse response = send("GET", "/" + MONITOR_2022 + "/" + FILE + "/more");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void givenPost_whenSent_then405ProblemThatAllowsGetAndHead() throws Exception {
        MockHttpServletResponse response = send("POST", "/" + MONITOR_2022 + "/" + FILE);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenOptions_whenSent_then200WithAllow() throws Exception {
        MockHttpServletResponse response = send("OPTIONS", "/" + MONITOR_2022 + "/" + FILE);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void givenRecorderRefuses_whenGet_then503WithRetryAfterAndNotTheFile() throws Exception {
        recorder = event -> {
            throw new DownloadRecorder.NotRecorded("full", 30, null);
        };

        MockHttpServletResponse response = send("GET", "/" + MONITOR_2022 + "/" + FILE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getHeader("ETag")).isNull();
        assertThat(response.getContentAsString()).doesNotContain("%PDF").contains("\"status\":503");
    }

    @Test
    void givenUuidTexts_whenChecked_thenOnlyTheCanonicalShapeInEitherCase() {
        assertThat(DocumentServlet.isUuid(MONITOR_2022)).isTrue();
        assertThat(DocumentServlet.isUuid(MONITOR_2022.toUpperCase())).isTrue();
        assertThat(DocumentServlet.isUuid(MONITOR_2022 + "0")).isFalse();
        assertThat(DocumentServlet.isUuid(MONITOR_2022.replace('-', '0'))).isFalse();
        assertThat(DocumentServlet.isUuid("0f5a8e1c-6b2d-4c1e-9a7b-20220000000g")).isFalse();
        assertThat(DocumentServlet.isUuid("../../etc/passwd")).isFalse();
    }

    private MockHttpServletResponse send(String method, String pathInfo) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/documents" + pathInfo);
        request.setServletPath("/documents");
        request.setPathInfo(pathInfo);
        current = new MockHttpServletResponse();
        if (servlet == null) {
            servlet = new DocumentServlet(view, blobs, event -> recorder.record(event), new VisitorKeys(CLOCK),
                    new DownloadProperties("download-test", blobDir, null), CLOCK, new SimpleMeterRegistry(),
                    JsonMapper.builder().build());
        }
        servlet.service(request, current);
        return current;
    }
}
