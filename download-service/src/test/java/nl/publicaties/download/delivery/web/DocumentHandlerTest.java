package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.catalog.query.DocumentView;
import nl.publicaties.download.config.DownloadProperties;
import nl.publicaties.download.recording.DownloadRecorder;
import nl.publicaties.download.recording.VisitorKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection's handler on an in-memory channel, without a socket or Spring: what it decides per request,
 * what it works out once per document, that nothing of a download's response is written before its record is
 * durable, and that pipelined requests are answered in order. The HTTP semantics over a real socket are in
 * {@code DocumentDownloadIT}.
 */
class DocumentHandlerTest {

    private static final String EDITION = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002022";
    private static final String MONITOR_2022 = "0f5a8e1c-6b2d-4c1e-9a7b-202200000001";
    private static final String FILE = "monitor-integriteit-en-veiligheid-2022.pdf";
    private static final Instant ADDED = Instant.parse("2022-11-15T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path blobDir;

    private final DocumentView view = new DocumentView();
    private final List<DownloadRequested> recorded = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<CompletableFuture<Void>> durable = new ArrayList<>();
    private final AtomicInteger blobLookups = new AtomicInteger();
    private DownloadRecorder recorder;
    private BlobStore blobs;
    private byte[] monitorBytes;
    private EmbeddedChannel channel;

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
        view.markComplete();
        // durable at once unless a test holds the spool's answer back
        recorder = event -> {
            recorded.add(event);
            return CompletableFuture.completedFuture(null);
        };
        DocumentDelivery delivery = delivery();
        channel = new EmbeddedChannel(new DocumentHandler(delivery, new ManagementRelay(java.time.Duration.ofSeconds(1)),
                new DocumentServer.InFlight(), Long.MAX_VALUE));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void givenPublishedDocument_whenGet_thenNothingIsWrittenUntilItsRecordIsDurable() throws Exception {
        holdRecordsBack();

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));

        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.documentId()).isEqualTo(MONITOR_2022);
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.bytes()).isEqualTo(monitorBytes.length);
        });
        assertThat((Object) channel.readOutbound()).isNull();

        durable.get(0).complete(null);
        channel.runPendingTasks();

        Response response = read();
        assertThat(response.head.status().code()).isEqualTo(200);
        assertThat(response.head.headers().get("Content-Length")).isEqualTo(Integer.toString(monitorBytes.length));
        assertThat(response.head.headers().get("Date")).isEqualTo("Sat, 28 Nov 2026 12:00:00 GMT");
        assertThat(response.body).isEqualTo(monitorBytes);
        assertThat(response.zeroCopy).isTrue();
    }

    @Test
    void givenTwoPipelinedRequests_whenTheFirstWaitsForItsRecord_thenTheSecondIsAnsweredAfterIt() throws Exception {
        holdRecordsBack();

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
        channel.writeInbound(request(HttpMethod.HEAD, "/documents/" + MONITOR_2022 + "/" + FILE));

        assertThat((Object) channel.readOutbound()).isNull();
        durable.get(0).complete(null);
        channel.runPendingTasks();

        assertThat(read().head.status().code()).isEqualTo(200);
        Response second = read();
        assertThat(second.head.status().code()).isEqualTo(200);
        assertThat(second.body).isEmpty();
        assertThat(recorded).hasSize(1);
    }

    @Test
    void givenSameDocument_whenServedManyTimes_thenItsFileIsLookedUpOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
            assertThat(read().head.status().code()).isEqualTo(200);
        }
        channel.writeInbound(request(HttpMethod.HEAD, "/documents/" + MONITOR_2022 + "/" + FILE));
        assertThat(read().head.headers().get("ETag")).isNotNull();

        assertThat(blobLookups).hasValue(1);
    }

    @Test
    void givenFileReplacedAfterServing_whenGet_thenNewBytesAndNewEtag() throws Exception {
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
        String oldEtag = read().head.headers().get("ETag");
        byte[] corrected = "%PDF-1.7 monitor 2022, corrected".getBytes(StandardCharsets.US_ASCII);
        String sha = blobs.put(new ByteArrayInputStream(corrected), 1_000).sha256();
        view.apply(new DocumentFileReplaced(MONITOR_2022, EDITION, "series", 2, FILE, "application/pdf",
                corrected.length, sha, "old"), ADDED.plusSeconds(86_400));

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
        Response response = read();

        assertThat(response.body).isEqualTo(corrected);
        assertThat(response.head.headers().get("ETag")).isEqualTo("\"" + sha + "\"").isNotEqualTo(oldEtag);
        assertThat(response.head.headers().get("Last-Modified")).isEqualTo("Wed, 16 Nov 2022 09:00:00 GMT");
    }

    @Test
    void givenUpperCaseIdWithoutFileName_whenGet_then301ToCanonicalUrlAndNoRecord() throws Exception {
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022.toUpperCase()));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(301);
        assertThat(response.head.headers().get("Location")).isEqualTo("/documents/" + MONITOR_2022 + "/" + FILE);
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenEncodedFileName_whenGet_thenDecodedPerSegmentAndMalformedEscapesAre400() throws Exception {
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/"
                + FILE.replace("-", "%2D") + "?utm=x"));
        assertThat(read().head.status().code()).isEqualTo(200);

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/%E0%A4%A.pdf"));
        assertThat(read().head.status().code()).isEqualTo(400);
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/%C3%28.pdf"));
        assertThat(read().head.status().code()).isEqualTo(400);
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/..%2F..%2Fblobs"));
        assertThat(read().head.status().code()).isEqualTo(301);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void givenPathDeeperThanAFileNameOrATrailingSlash_whenGet_then301ToCanonicalWithTheQueryAndNoRecord()
            throws Exception {
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE + "/more"));
        Response deeper = read();
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE + "/?utm_source=nb"));
        Response trailingSlash = read();

        assertThat(deeper.head.status().code()).isEqualTo(301);
        assertThat(deeper.head.headers().get("Location")).isEqualTo("/documents/" + MONITOR_2022 + "/" + FILE);
        assertThat(trailingSlash.head.status().code()).isEqualTo(301);
        assertThat(trailingSlash.head.headers().get("Location"))
                .isEqualTo("/documents/" + MONITOR_2022 + "/" + FILE + "?utm_source=nb");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenAnInstanceStillReadingTheCatalog_whenADocumentIsAskedFor_then503RetryAfterAndNoRecord()
            throws Exception {
        channel.finishAndReleaseAll();
        DocumentView rebuilding = new DocumentView(); // holds the document already, may read its withdrawal next
        rebuilding.apply(new DocumentAdded(MONITOR_2022, EDITION, "series", "Monitor 2022", "rapport", "", null, null,
                "nl", 1, FILE, "application/pdf", monitorBytes.length, "0".repeat(64)), ADDED);
        rebuilding.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 15)));
        channel = new EmbeddedChannel(new DocumentHandler(delivery(rebuilding),
                new ManagementRelay(java.time.Duration.ofSeconds(1)), new DocumentServer.InFlight(), Long.MAX_VALUE));

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(503);
        assertThat(response.head.headers().get("Retry-After")).isEqualTo("5");
        assertThat(response.head.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenUnknownDocumentWithADeeperPath_whenGet_then404Problem() throws Exception {
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + UUID.randomUUID() + "/" + FILE + "/more"));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(404);
        assertThat(response.head.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(new String(response.body, StandardCharsets.UTF_8)).contains("\"status\":404");
    }

    @Test
    void givenABrowser_whenItFollowsALinkToAnUnknownOrWithdrawnDocument_thenADutchPageNoCacheMayKeep() throws Exception {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        FullHttpRequest unknown = request(HttpMethod.GET, "/documents/" + UUID.randomUUID() + "/<script>.pdf");
        unknown.headers().set("Accept", browser);
        channel.writeInbound(unknown);
        Response notFound = read();

        assertThat(notFound.head.status().code()).isEqualTo(404);
        assertThat(notFound.head.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(notFound.head.headers().get("Vary")).isEqualTo("Accept");
        assertThat(notFound.head.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(new String(notFound.body, StandardCharsets.UTF_8)).contains("<html lang=\"nl\">")
                .contains("<h1>Document niet gevonden</h1>").contains("Foutcode 404").doesNotContain("script");

        view.apply(new DocumentWithdrawn(MONITOR_2022, EDITION, "vervangen"));
        FullHttpRequest withdrawn = request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE);
        withdrawn.headers().set("Accept", browser);
        channel.writeInbound(withdrawn);
        Response gone = read();

        assertThat(gone.head.status().code()).isEqualTo(410);
        assertThat(new String(gone.body, StandardCharsets.UTF_8)).contains("<h1>Document ingetrokken</h1>");
        assertThat(gone.head.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenAnApiClientOrAPdfReader_whenTheDocumentIsUnknown_thenProblemDetailsNoCacheMayKeep() throws Exception {
        for (String accept : new String[] {"application/json", "application/pdf", "*/*", "text/html;q=0"}) {
            FullHttpRequest request = request(HttpMethod.GET, "/documents/" + UUID.randomUUID() + "/" + FILE);
            request.headers().set("Accept", accept);
            channel.writeInbound(request);
            Response response = read();

            assertThat(response.head.headers().get("Content-Type")).as(accept).isEqualTo("application/problem+json");
            assertThat(response.head.headers().get("Vary")).isEqualTo("Accept");
            assertThat(response.head.headers().get("Cache-Control")).isEqualTo("no-store");
            assertThat(new String(response.body, StandardCharsets.UTF_8)).contains("\"status\":404");
        }
    }

    @Test
    void givenARangeBeyondTheEnd_whenGet_then416WithItsContentRangeAndProblemDetails_andNoRecord() throws Exception {
        FullHttpRequest request = request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE);
        request.headers().set("Range", "bytes=999999-").set("Accept", "application/json");
        channel.writeInbound(request);
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(416);
        assertThat(response.head.headers().get("Content-Range")).isEqualTo("bytes */" + monitorBytes.length);
        assertThat(response.head.headers().get("ETag")).isNotNull();
        assertThat(response.head.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(new String(response.body, StandardCharsets.UTF_8)).contains("\"status\":416");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenTheCatalogsClockAhead_whenADocumentIsServedRightAfterItWasAdded_thenLastModifiedIsNotAfterDate()
            throws Exception {
        String ahead = "0f5a8e1c-6b2d-4c1e-9a7b-202200000002";
        view.apply(new DocumentAdded(ahead, EDITION, "series", "Factsheet", "factsheet", "", null, null,
                "nl", 1, FILE, "application/pdf", monitorBytes.length,
                view.find(MONITOR_2022) instanceof nl.publicaties.download.catalog.query.DocumentLookup.Servable servable
                        ? servable.file().sha256() : null),
                CLOCK.instant().plusSeconds(30));
        channel.writeInbound(request(HttpMethod.GET, "/documents/" + ahead + "/" + FILE));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(200);
        assertThat(response.head.headers().get("Last-Modified")).isEqualTo("Sat, 28 Nov 2026 12:00:00 GMT")
                .isEqualTo(response.head.headers().get("Date"));
    }

    @Test
    void givenPost_whenSent_then405ProblemThatAllowsGetAndHead() throws Exception {
        channel.writeInbound(request(HttpMethod.POST, "/documents/" + MONITOR_2022 + "/" + FILE));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(405);
        assertThat(response.head.headers().get("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(response.head.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenOptions_whenSent_then200WithAllow() throws Exception {
        channel.writeInbound(request(HttpMethod.OPTIONS, "/documents/" + MONITOR_2022 + "/" + FILE));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(200);
        assertThat(response.head.headers().get("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void givenRecorderRefuses_whenGet_then503WithRetryAfterAndNotTheFile() throws Exception {
        recorder = event -> CompletableFuture.failedFuture(new DownloadRecorder.NotRecorded("full", 30, null));

        channel.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));
        Response response = read();

        assertThat(response.head.status().code()).isEqualTo(503);
        assertThat(response.head.headers().get("Retry-After")).isEqualTo("30");
        assertThat(response.head.headers().get("ETag")).isNull();
        assertThat(new String(response.body, StandardCharsets.UTF_8)).doesNotContain("%PDF").contains("\"status\":503");
    }

    @Test
    void givenConnectionClose_whenAnswered_thenTheConnectionIsClosedAfterIt() throws Exception {
        FullHttpRequest request = request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE);
        request.headers().set("Connection", "close");

        channel.writeInbound(request);

        assertThat(read().head.headers().get("Connection")).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void givenThousandsOfRequestsPipelinedBehindAPendingDownload_whenItIsRecorded_thenAllAnsweredInOrder()
            throws Exception {
        holdRecordsBack();
        EmbeddedChannel wire = wire();
        StringBuilder requests = new StringBuilder("GET /documents/" + MONITOR_2022 + "/" + FILE + " HTTP/1.1\r\nHost: x\r\n\r\n");
        for (int i = 0; i < 5_000; i++) {
            requests.append("GET /documents/").append(UUID_UNKNOWN).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }

        wire.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(requests, StandardCharsets.US_ASCII));

        assertThat(wire.config().isAutoRead()).as("reading paused while requests queue up").isFalse();
        assertThat(statusesWritten(wire)).isEmpty();
        durable.get(0).complete(null);
        wire.runPendingTasks();

        List<Integer> statuses = statusesWritten(wire);
        assertThat(statuses).hasSize(5_001).startsWith(200);
        assertThat(statuses.subList(1, statuses.size())).containsOnly(404);
        assertThat(wire.config().isAutoRead()).isTrue();
        assertThat(wire.isOpen()).isTrue();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenConnectionClose_whenAnotherRequestIsPipelinedAfterIt_thenThatOneIsNeitherAnsweredNorRecorded()
            throws Exception {
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                + "GET " + file + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        wire.runPendingTasks();

        assertThat(statusesWritten(wire)).containsExactly(200);
        assertThat(recorded).hasSize(1);
        assertThat(wire.isOpen()).isFalse();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenExpect100Continue_whenNoEarlierRequestIsBeingAnswered_thenContinueAtOnceAndTheAnswerAfterTheBody() {
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 5\r\n\r\n"));

        assertThat(statusesWritten(wire)).as("before the body is sent").containsExactly(100);
        wire.writeInbound(ascii("hello"));
        wire.runPendingTasks();
        assertThat(statusesWritten(wire)).containsExactly(200);
        assertThat(recorded).hasSize(1);
        wire.finishAndReleaseAll();
    }

    @Test
    void givenExpect100Continue_whenPipelinedBehindADownloadWaitingForItsRecord_thenTheContinueFollowsThatAnswer() {
        holdRecordsBack();
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET " + file + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
        assertThat(statusesWritten(wire)).as("no interim answer overtakes the waiting one").isEmpty();
        durable.get(0).complete(null);
        wire.runPendingTasks();
        assertThat(statusesWritten(wire)).containsExactly(200, 100);

        wire.writeInbound(ascii("hello"));
        durable.get(1).complete(null);
        wire.runPendingTasks();
        assertThat(statusesWritten(wire)).containsExactly(200);
        wire.finishAndReleaseAll();
    }

    @Test
    void givenExpect100Continue_whenAHeadIsPipelinedAfterIt_thenEachAnswerIsFramedByItsOwnRequest() {
        holdRecordsBack(); // the HEAD is read before the first GET is answered
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 5\r\n\r\nhello"
                + "HEAD " + file + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET " + file + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        durable.get(0).complete(null);
        wire.runPendingTasks();
        durable.get(1).complete(null);
        wire.runPendingTasks();

        StringBuilder heads = new StringBuilder();
        int fileBodies = 0;
        for (Object out = wire.readOutbound(); out != null; out = wire.readOutbound()) {
            if (out instanceof ByteBuf buffer) {
                heads.append(buffer.toString(StandardCharsets.ISO_8859_1));
            } else if (out instanceof FileRegion) {
                fileBodies++;
            }
            io.netty.util.ReferenceCountUtil.release(out);
        }
        assertThat(statusesIn(heads.toString())).containsExactly(100, 200, 200, 200);
        assertThat(fileBodies).as("both GETs carry their file, the HEAD none").isEqualTo(2);
        wire.finishAndReleaseAll();
    }

    @Test
    void givenExpect100ContinueWithADeclaredBodyOverTheLimit_whenTheClientSendsItAnyway_then413AndCloseNotRequests() {
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;
        String body = ("GET " + file + " HTTP/1.1\r\nHost: x\r\n\r\n").repeat(2_000).substring(0, 70_000);

        wire.writeInbound(ascii("POST /actuator/health HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 70000\r\n\r\n" + body));
        wire.runPendingTasks();

        String written = textWritten(wire);
        assertThat(statusesIn(written)).containsExactly(413);
        assertThat(written).containsIgnoringCase("Connection: close");
        assertThat(wire.isOpen()).as("the client may not send the body after a 413: where the next request starts "
                + "is unknown").isFalse();
        assertThat(recorded).as("the body's bytes were never read as requests").isEmpty();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenAnExpectationOtherThan100Continue_whenSentWithABody_thenIgnoredAndTheConnectionGoesOn() {
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n"
                + "Content-Length: 5\r\n\r\nhello"
                + "GET /documents/" + UUID_UNKNOWN + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        wire.runPendingTasks();

        assertThat(statusesWritten(wire)).containsExactly(200, 404);
        assertThat(wire.isOpen()).isTrue();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenAMalformedRequestThatAlsoDeclaresALongBody_whenRead_thenItsOwnFailure400AndClose() {
        EmbeddedChannel wire = wire();

        wire.writeInbound(ascii("GET /documents/" + MONITOR_2022 + "/" + FILE + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 70000\r\nContent-Length: 5\r\n\r\nhello"));
        wire.runPendingTasks();

        assertThat(statusesWritten(wire)).containsExactly(400);
        assertThat(wire.isOpen()).isFalse();
        assertThat(recorded).isEmpty();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenABodyOverTheLimit_whenPipelinedBehindADownloadWaitingForItsRecord_then413InItsTurnAndTheNextIsRead() {
        holdRecordsBack();
        EmbeddedChannel wire = wire();

        wire.writeInbound(ascii("GET /documents/" + MONITOR_2022 + "/" + FILE + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /actuator/health HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n" + "a".repeat(70_000)
                + "GET /documents/" + UUID_UNKNOWN + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(statusesWritten(wire)).as("nothing overtakes the waiting download").isEmpty();
        durable.get(0).complete(null);
        wire.runPendingTasks();

        String written = textWritten(wire);
        assertThat(statusesIn(written)).containsExactly(200, 413, 404);
        assertThat(written).contains("application/problem+json", "\"status\":413", "larger than 65536 bytes");
        assertThat(wire.isOpen()).as("the rest of the body was dropped, the connection goes on").isTrue();
        wire.finishAndReleaseAll();
    }

    @Test
    void givenAChunkedBodyThatGrowsOverTheLimit_whenRead_then413AndTheRestIsDropped() {
        EmbeddedChannel wire = wire();
        String chunk = Integer.toHexString(40_000) + "\r\n" + "a".repeat(40_000) + "\r\n";

        wire.writeInbound(ascii("POST /actuator/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk + chunk + chunk + "0\r\n\r\n"
                + "GET /documents/" + UUID_UNKNOWN + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        wire.runPendingTasks();

        assertThat(statusesWritten(wire)).containsExactly(413, 404);
        wire.finishAndReleaseAll();
    }

    @Test
    void givenARequestLineOrHeaderSectionOverTheCodecsLimits_whenRead_then414Or431AndTheConnectionCloses() {
        EmbeddedChannel longLine = wire();
        longLine.writeInbound(ascii("GET /documents/" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        longLine.runPendingTasks();
        assertThat(statusesWritten(longLine)).containsExactly(414);
        assertThat(longLine.isOpen()).isFalse();
        longLine.finishAndReleaseAll();

        EmbeddedChannel largeHeaders = wire();
        largeHeaders.writeInbound(ascii("GET /documents/" + MONITOR_2022 + "/" + FILE + " HTTP/1.1\r\nHost: x\r\n"
                + "X-Large: " + "b".repeat(9_000) + "\r\n\r\n"));
        largeHeaders.runPendingTasks();
        assertThat(statusesWritten(largeHeaders)).containsExactly(431);
        assertThat(largeHeaders.isOpen()).isFalse();
        largeHeaders.finishAndReleaseAll();
        assertThat(recorded).isEmpty();
    }

    @Test
    void givenNoHostOrTwo_whenRequested_then400AndNothingRecorded_butHttp10MayOmitIt() {
        EmbeddedChannel wire = wire();
        String file = "/documents/" + MONITOR_2022 + "/" + FILE;

        wire.writeInbound(ascii("GET " + file + " HTTP/1.1\r\n\r\n"
                + "GET " + file + " HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"
                + "GET " + file + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        wire.runPendingTasks();

        String written = textWritten(wire);
        assertThat(statusesIn(written)).containsExactly(400, 400, 200);
        assertThat(written).contains("exactly one Host header");
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.status()).isEqualTo(200));
        wire.finishAndReleaseAll();
    }

    @Test
    void givenMadeUpMethods_whenAnswered405_thenCountedUnderOneTagValueNotOneSeriesEach() throws Exception {
        for (String method : List.of("FOO1", "FOO2", "FOO3")) {
            channel.writeInbound(request(HttpMethod.valueOf(method), "/documents/" + MONITOR_2022 + "/" + FILE));
            assertThat(read().head.status().code()).isEqualTo(405);
        }

        assertThat(meters.find("download.responses").tag("status", "405").counters())
                .singleElement().satisfies(counter -> {
                    assertThat(counter.getId().getTag("method")).isEqualTo("OTHER");
                    assertThat(counter.count()).isEqualTo(3);
                });
    }

    @Test
    void givenTheDayTurnsBetweenTheEventsTimeAndItsKey_whenRecorded_thenTheKeyIsOfTheEventsOwnDay() {
        // the delivery reads the clock just before midnight; any later reading is already the next day
        Clock beforeMidnight = Clock.fixed(Instant.parse("2026-11-28T23:59:59.999Z"), ZoneOffset.UTC);
        VisitorKeys keys = new VisitorKeys(Clock.fixed(Instant.parse("2026-11-29T00:00:00.001Z"), ZoneOffset.UTC));
        DocumentDelivery delivery = new DocumentDelivery(view, blobs, event -> recorder.record(event), keys,
                new DownloadProperties("download-test", blobDir, null), beforeMidnight, meters,
                JsonMapper.builder().build());
        EmbeddedChannel midnight = new EmbeddedChannel(new DocumentHandler(delivery,
                new ManagementRelay(java.time.Duration.ofSeconds(1)), new DocumentServer.InFlight(), Long.MAX_VALUE));

        midnight.writeInbound(request(HttpMethod.GET, "/documents/" + MONITOR_2022 + "/" + FILE));

        DownloadRequested event = recorded.get(0);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-28T23:59:59.999Z"));
        assertThat(event.visitorKey()).isEqualTo(keys.keyFor(event.occurredAt(), "unknown", null))
                .isNotEqualTo(keys.keyFor("unknown", null));
        midnight.finishAndReleaseAll();
    }

    private static final String UUID_UNKNOWN = "0f5a8e1c-6b2d-4c1e-9a7b-999999999999";

    /** From now on a record is durable only when the test completes its future in {@link #durable}. */
    private void holdRecordsBack() {
        recorder = event -> {
            recorded.add(event);
            CompletableFuture<Void> spool = new CompletableFuture<>();
            durable.add(spool);
            return spool;
        };
    }

    private DocumentDelivery delivery() {
        return delivery(view);
    }

    private DocumentDelivery delivery(DocumentView view) {
        return new DocumentDelivery(view, blobs, event -> recorder.record(event), new VisitorKeys(CLOCK),
                new DownloadProperties("download-test", blobDir, null), CLOCK, meters,
                JsonMapper.builder().build());
    }

    /** The connection's whole pipeline as DocumentServer builds it, bytes in and bytes out. */
    private EmbeddedChannel wire() {
        DocumentHandler handler = new DocumentHandler(delivery(), new ManagementRelay(java.time.Duration.ofSeconds(1)),
                new DocumentServer.InFlight(), Long.MAX_VALUE);
        return new EmbeddedChannel(new io.netty.handler.codec.http.HttpServerCodec(),
                new DocumentServer.InOrderAggregator(64 * 1024, handler), handler);
    }

    /** The status codes of every response written so far, in order. */
    private static List<Integer> statusesWritten(EmbeddedChannel wire) {
        return statusesIn(textWritten(wire));
    }

    /** Everything written so far as text (heads and buffered bodies; a file region's bytes are left out). */
    private static String textWritten(EmbeddedChannel wire) {
        StringBuilder text = new StringBuilder();
        for (Object out = wire.readOutbound(); out != null; out = wire.readOutbound()) {
            if (out instanceof ByteBuf buffer) {
                text.append(buffer.toString(StandardCharsets.ISO_8859_1));
            }
            io.netty.util.ReferenceCountUtil.release(out);
        }
        return text.toString();
    }

    private static List<Integer> statusesIn(String text) {
        List<Integer> statuses = new ArrayList<>();
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(text);
        while (status.find()) {
            statuses.add(Integer.parseInt(status.group(1)));
        }
        return statuses;
    }

    @Test
    void givenUuidTexts_whenChecked_thenOnlyTheCanonicalShapeInEitherCase() {
        assertThat(DocumentDelivery.isUuid(MONITOR_2022)).isTrue();
        assertThat(DocumentDelivery.isUuid(MONITOR_2022.toUpperCase())).isTrue();
        assertThat(DocumentDelivery.isUuid(MONITOR_2022 + "0")).isFalse();
        assertThat(DocumentDelivery.isUuid(MONITOR_2022.replace('-', '0'))).isFalse();
        assertThat(DocumentDelivery.isUuid("0f5a8e1c-6b2d-4c1e-9a7b-20220000000g")).isFalse();
        assertThat(DocumentDelivery.isUuid("../../etc/passwd")).isFalse();
    }

    @Test
    void givenRequestTargets_whenRouted_thenOnlyTheirRawPath() {
        assertThat(DocumentHandler.pathOf("/documents/a/b.pdf?x=1")).isEqualTo("/documents/a/b.pdf");
        assertThat(DocumentHandler.pathOf("/documents/a%2Fb#f")).isEqualTo("/documents/a%2Fb");
        assertThat(DocumentHandler.pathOf("http://example.org/documents/a")).isEqualTo("/documents/a");
        assertThat(DocumentHandler.pathOf("*")).isNull();
        assertThat(DocumentHandler.pathOf("example.org:443")).isNull();
        assertThat(ManagementRelay.originForm("/actuator/health?x=1")).isEqualTo("/actuator/health?x=1");
        assertThat(ManagementRelay.originForm("http://example.org/actuator/health?x=1")).isEqualTo("/actuator/health?x=1");
        assertThat(ManagementRelay.originForm("http://example.org")).isEqualTo("/");
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set("Host", "downloads.example");
        return request;
    }

    private static ByteBuf ascii(CharSequence text) {
        return io.netty.buffer.Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private record Response(HttpResponse head, byte[] body, boolean zeroCopy) {
    }

    /** The next response written: its head and its body, from a buffer or from the file region. */
    private Response read() throws IOException {
        Object first = channel.readOutbound();
        assertThat(first).isInstanceOf(HttpResponse.class);
        HttpResponse head = (HttpResponse) first;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head instanceof FullHttpResponse full) {
            body.write(bytes(full.content()));
            full.release();
            return new Response(head, body.toByteArray(), false);
        }
        boolean zeroCopy = false;
        while (true) {
            Object next = channel.readOutbound();
            assertThat(next).as("the response's end").isNotNull();
            if (next instanceof FileRegion region) {
                zeroCopy = true;
                WritableByteChannel out = Channels.newChannel(body);
                while (region.transferred() < region.count()) {
                    region.transferTo(out, region.transferred());
                }
                region.release();
            } else if (next instanceof HttpContent content) {
                body.write(bytes(content.content()));
                content.release();
                if (content instanceof LastHttpContent) {
                    return new Response(head, body.toByteArray(), zeroCopy);
                }
            }
        }
    }

    private static byte[] bytes(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }
}
