package nl.publicaties.download.delivery.web;

import static nl.publicaties.download.CatalogEventsMother.EDITION_2022;
import static nl.publicaties.download.CatalogEventsMother.EDITION_2024_DRAFT;
import static nl.publicaties.download.CatalogEventsMother.document;
import static nl.publicaties.download.CatalogEventsMother.publish;
import static nl.publicaties.download.CatalogEventsMother.published;
import static nl.publicaties.download.CatalogEventsMother.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.PdfMother;
import nl.publicaties.download.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The download service against a real KRaft broker and a real blob directory, driven over real HTTP: the
 * catalog events are on the topic before the service starts, so every test also proves the rebuild.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentDownloadIT {

    static final String MONITOR_2022 = "0f5a8e1c-6b2d-4c1e-9a7b-202200000001";
    static final String FACTSHEET_FRYSLAN = "0f5a8e1c-6b2d-4c1e-9a7b-202200000015";
    static final String FACTSHEET_PROVINCIES = "0f5a8e1c-6b2d-4c1e-9a7b-202200000004";
    static final String FACTSHEET_ALGEMEEN = "0f5a8e1c-6b2d-4c1e-9a7b-202200000003";
    static final String MONITOR_2024_DRAFT = "0f5a8e1c-6b2d-4c1e-9a7b-202400000001";
    static final String FACTSHEET_ZUID_HOLLAND = "0f5a8e1c-6b2d-4c1e-9a7b-202200000022";
    static final String MONITOR_2022_BIJLAGEN = "0f5a8e1c-6b2d-4c1e-9a7b-202200000002";
    static final String MONITOR_2022_DATA = "0f5a8e1c-6b2d-4c1e-9a7b-202200000009";

    static final String MONITOR_2022_FILE = "monitor-integriteit-en-veiligheid-2022.pdf";
    static final String FRYSLAN_FILE = "Factsheet Monitor integriteit en veiligheid 2022 – Fryslân.pdf";
    static final String ZUID_HOLLAND_FILE = "Factsheet Monitor integriteit en veiligheid 2022 – Zuid-Holland.pdf";
    static final String BIJLAGEN_FILE = "monitor-integriteit-en-veiligheid-2022-bijlagen.pdf";
    static final String DATA_FILE = "monitor-integriteit-en-veiligheid-2022-data.pdf";

    static final Path BLOB_DIR = createBlobDir();
    static final byte[] MONITOR_2022_BYTES = pdf(200_000, 1);
    static final byte[] FRYSLAN_BYTES = pdf(3_000, 2);
    static final byte[] ALGEMEEN_BYTES = pdf(5_000, 3);
    /** A real three-page PDF: the browser test's viewer parses it. */
    static final byte[] ZUID_HOLLAND_BYTES = PdfMother.withPages(3);
    /** A real 120-page PDF of ~390 KB: pdf.js reads it in ranges. */
    static final byte[] BIJLAGEN_BYTES = PdfMother.withPages(120, 40);
    /** 16 MB: four times what the kernel buffers for one connection here (tcp_wmem max 4 MB). */
    static final byte[] DATA_BYTES = pdf(16 * 1024 * 1024, 6);
    static final String MONITOR_2022_SHA = store(MONITOR_2022_BYTES);

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    static KafkaConsumer<String, String> downloads;
    static final List<ConsumerRecord<String, String>> SEEN = new ArrayList<>();

    @Value("${local.download.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("download.blob-dir", BLOB_DIR::toString);
        registry.add("download.instance-id", () -> "download-it");
        registry.add("download.http.port", () -> 0);
        // bodies of 100 KB or more are written corked (the 200 KB and 16 MB files, whole or a large range), smaller
        // ones (the factsheets, short ranges) not: both ways are exercised here
        registry.add("download.http.cork-from", () -> "100KB");
        registry.add("download.spool.dir", () -> BLOB_DIR.resolveSibling(BLOB_DIR.getFileName() + "-spool").toString());
        // made beforehand with the broker's default retention (7 days), as operations might have: the service must
        // bring it to its own 25 hours at start
        registry.add("download.visitor-secrets.topic", () -> SECRETS_TOPIC);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(SECRETS_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + SECRETS_TOPIC, e);
        }
    }

    static final String SECRETS_TOPIC = "downloads.visitor-secrets.it-" + UUID.randomUUID();

    @Test
    void givenAVisitorBehindADownloadsHost_whenAskingForManagementEndpoints_then404_whileOperationsGetThem()
            throws Exception {
        HttpResponse<byte[]> visitor = send(request("/actuator/health").header("X-Forwarded-For", "203.0.113.7"));
        assertProblem(visitor, 404);
        assertThat(new String(visitor.body(), StandardCharsets.UTF_8)).doesNotContain("spool", "UP");
        assertProblem(send(request("/actuator/prometheus").header("X-Forwarded-For", "198.51.100.4")), 404);

        assertThat(send(request("/actuator/health").header("X-Forwarded-For", "10.1.2.3")).statusCode())
                .as("a scraper on the internal network, through a proxy").isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void givenTheVisitorSecretsTopicExistedWithAWeeksRetention_whenTheServiceStarted_thenNoSecretOutlivesTwoDays() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, SECRETS_TOPIC);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofHours(25).toMillis()));
                assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            });
        }
    }

    @BeforeAll
    static void catalogAlreadyPublished() {
        publish(document(MONITOR_2022, EDITION_2022, 1, "Monitor integriteit en veiligheid 2022", MONITOR_2022_FILE,
                MONITOR_2022_BYTES.length, MONITOR_2022_SHA));
        publish(document(FACTSHEET_FRYSLAN, EDITION_2022, 15,
                "Factsheet Monitor integriteit en veiligheid 2022 – Fryslân", FRYSLAN_FILE, FRYSLAN_BYTES.length,
                store(FRYSLAN_BYTES)));
        publish(document(FACTSHEET_ALGEMEEN, EDITION_2022, 3, "Factsheet politieke ambtsdragers algemeen 2022",
                "factsheet-politieke-ambtsdragers-algemeen-2022.pdf", ALGEMEEN_BYTES.length,
                store(ALGEMEEN_BYTES)));
        publish(document(FACTSHEET_ZUID_HOLLAND, EDITION_2022, 22,
                "Factsheet Monitor integriteit en veiligheid 2022 – Zuid-Holland", ZUID_HOLLAND_FILE,
                ZUID_HOLLAND_BYTES.length, store(ZUID_HOLLAND_BYTES)));
        publish(document(MONITOR_2022_BIJLAGEN, EDITION_2022, 2, "Monitor integriteit en veiligheid 2022 – bijlagen",
                BIJLAGEN_FILE, BIJLAGEN_BYTES.length, store(BIJLAGEN_BYTES)));
        publish(document(MONITOR_2022_DATA, EDITION_2022, 9, "Monitor integriteit en veiligheid 2022 – data",
                DATA_FILE, DATA_BYTES.length, store(DATA_BYTES)));
        byte[] provincies = pdf(4_000, 4);
        publish(document(FACTSHEET_PROVINCIES, EDITION_2022, 4, "Factsheet politieke ambtsdragers provincies 2022",
                "factsheet-politieke-ambtsdragers-provincies-2022.pdf", provincies.length, store(provincies)));
        publish(published(EDITION_2022));
        publish(withdrawn(FACTSHEET_PROVINCIES, EDITION_2022));
        byte[] draft = pdf(2_000, 5);
        publish(document(MONITOR_2024_DRAFT, EDITION_2024_DRAFT, 1, "Monitor integriteit en veiligheid 2024",
                "monitor-integriteit-en-veiligheid-2024.pdf", draft.length, store(draft)));
    }

    @AfterAll
    static void closeConsumer() {
        if (downloads != null) {
            downloads.close();
            downloads = null;
        }
    }

    @BeforeEach
    void serviceIsReady() {
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    @Test
    void givenCatalogViewCaughtUp_whenAskingReadiness_thenUpWithCatalogView() throws Exception {
        HttpResponse<String> readiness = HTTP.send(request("/actuator/health/readiness").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("catalogView");
    }

    @Test
    void givenPublishedDocument_whenGet_thenExactBytesAndHeadersAndOneEvent() throws Exception {
        String agent = agent("get");
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent",
                agent).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(MONITOR_2022_BYTES);
        Map<String, String> headers = headers(response);
        assertThat(headers).containsEntry("content-type", "application/pdf")
                .containsEntry("content-length", Integer.toString(MONITOR_2022_BYTES.length))
                .containsEntry("etag", "\"" + MONITOR_2022_SHA + "\"")
                .containsEntry("accept-ranges", "bytes")
                .containsEntry("cache-control", "public, max-age=300")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("content-disposition", "inline; filename=\"" + MONITOR_2022_FILE
                        + "\"; filename*=UTF-8''" + MONITOR_2022_FILE)
                .containsKey("last-modified");

        ConsumerRecord<String, String> record = awaitEvent(agent);
        DownloadRequested event = JSON.readValue(record.value(), DownloadRequested.class);
        assertThat(record.key()).isEqualTo(MONITOR_2022);
        assertThat(header(record, MessageHeaders.TYPE)).isEqualTo(DownloadRequested.TYPE);
        assertThat(header(record, MessageHeaders.REVISION)).isEqualTo("1");
        assertThat(header(record, MessageHeaders.MESSAGE_ID)).isEqualTo(event.eventId());
        assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        assertThat(event.documentId()).isEqualTo(MONITOR_2022);
        assertThat(event.editionId()).isEqualTo(EDITION_2022);
        assertThat(event.method()).isEqualTo("GET");
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.bytes()).isEqualTo(MONITOR_2022_BYTES.length);
        assertThat(event.rangeStart()).isNull();
        assertThat(event.rangeEnd()).isNull();
        assertThat(event.instance()).isEqualTo("download-it");
        assertThat(event.visitorKey()).hasSize(22).doesNotContain("127.0.0.1");
        assertThat(event.occurredAt()).isNotNull();
        assertThat(record.value()).doesNotContain("127.0.0.1").contains("\"occurredAt\":\"20");
    }

    @Test
    void givenLargeAndSmallFiles_whenGet_thenBothGoZeroCopyThroughSendfile() throws Exception {
        double before = bytesServedBySendfile();

        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).GET());
        send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE)).GET());

        assertThat(bytesServedBySendfile() - before).isEqualTo(MONITOR_2022_BYTES.length + FRYSLAN_BYTES.length);
    }

    @Test
    void givenAnswersLargeEnoughToBeCorked_whenTenInARow_thenNoneWaitsForTheKernelToPushItsTail() throws Exception {
        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).GET());
        long started = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE)).GET());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(MONITOR_2022_BYTES);
        }

        // a tail left corked is sent by the kernel only after 200 ms: ten answers would take 2 s at least
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_000));
    }

    private double bytesServedBySendfile() throws Exception {
        HttpResponse<String> metric = get("/actuator/metrics/download.bytes.served?tag=transfer:sendfile");
        if (metric.statusCode() == 404) {
            return 0;
        }
        return JSON.readTree(metric.body()).get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void givenDownloadsAndRedirects_whenReadingMetrics_thenCountedAsDownloadResponsesNotAsServerObservations()
            throws Exception {
        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).GET());
        send(request("/documents/" + MONITOR_2022).GET());

        assertThat(get("/actuator/metrics/download.responses?tag=method:GET&tag=status:200").statusCode())
                .isEqualTo(200);
        assertThat(get("/actuator/metrics/download.responses?tag=method:GET&tag=status:301").statusCode())
                .isEqualTo(200);
        // /documents/** never reaches Spring's server (Netty answers it); Boot's per-request observation covers the
        // relayed actuator requests only, where a document request would have shown up as uri=UNKNOWN or REDIRECTION.
        assertThat(get("/actuator/metrics/http.server.requests").body()).contains("/actuator/health");
        assertThat(get("/actuator/metrics/http.server.requests?tag=uri:UNKNOWN").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/metrics/http.server.requests?tag=uri:REDIRECTION").statusCode()).isEqualTo(404);
    }

    @Test
    void givenPost_whenSentToADocument_then405ProblemAllowingGetAndHead() throws Exception {
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertProblem(response, 405);
        assertThat(headers(response)).containsEntry("allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void givenNonAsciiFileName_whenGet_thenBytesAndRfc6266ContentDisposition() throws Exception {
        HttpResponse<byte[]> response = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE)).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FRYSLAN_BYTES);
        assertThat(headers(response).get("content-disposition")).isEqualTo(
                "inline; filename=\"Factsheet Monitor integriteit en veiligheid 2022 _ Fryslan.pdf\"; filename*=UTF-8''"
                        + "Factsheet%20Monitor%20integriteit%20en%20veiligheid%202022%20%E2%80%93%20Frysl%C3%A2n.pdf");
    }

    @Test
    void givenPublishedDocument_whenHead_thenSameHeadersNoBodyAndNoEvent() throws Exception {
        String headAgent = agent("head");
        HttpResponse<byte[]> head = send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent",
                headAgent).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(headers(head)).containsEntry("content-length", Integer.toString(MONITOR_2022_BYTES.length))
                .containsEntry("etag", "\"" + MONITOR_2022_SHA + "\"")
                .containsEntry("content-type", "application/pdf");
        // every header a GET sends (RFC 9110 §9.3.2), the Date aside
        Map<String, String> get = headers(send(request(path(MONITOR_2022, MONITOR_2022_FILE)).GET()));
        get.remove("date");
        assertThat(headers(head)).containsAllEntriesOf(get).containsKeys("content-disposition", "cache-control",
                "accept-ranges", "x-content-type-options", "last-modified");

        // Same document, same partition, same sender: had the HEAD produced an event, it would come first.
        String getAgent = agent("after-head");
        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent", getAgent).GET());
        awaitEvent(getAgent);
        assertThat(eventsOf(headAgent)).isEmpty();
    }

    @Test
    void givenSingleRange_whenGet_then206WithContentRangeAndRangeInEvent() throws Exception {
        String agent = agent("range");
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .header("User-Agent", agent).header("Range", "bytes=0-99").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(MONITOR_2022_BYTES, 0, 100));
        assertThat(headers(response)).containsEntry("content-range", "bytes 0-99/" + MONITOR_2022_BYTES.length)
                .containsEntry("content-length", "100");

        DownloadRequested event = JSON.readValue(awaitEvent(agent).value(), DownloadRequested.class);
        assertThat(event.status()).isEqualTo(206);
        assertThat(event.rangeStart()).isZero();
        assertThat(event.rangeEnd()).isEqualTo(99);
        assertThat(event.bytes()).isEqualTo(100);
    }

    @Test
    void givenLargeOpenEndedRange_whenGet_thenThatTailByteExact() throws Exception {
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .header("Range", "bytes=50000-").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(MONITOR_2022_BYTES, 50_000,
                MONITOR_2022_BYTES.length));
        assertThat(headers(response)).containsEntry("content-range",
                "bytes 50000-" + (MONITOR_2022_BYTES.length - 1) + "/" + MONITOR_2022_BYTES.length);
    }

    @Test
    void givenSuffixRange_whenGet_thenTheLastBytes() throws Exception {
        HttpResponse<byte[]> response = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE))
                .header("Range", "bytes=-500").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(FRYSLAN_BYTES, 2_500, 3_000));
    }

    @Test
    void givenRangeBeyondTheEnd_whenGet_then416WithCompleteLengthAndNoEvent() throws Exception {
        String agent = agent("unsatisfiable");
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .header("User-Agent", agent).header("Range", "bytes=999999999-").GET());

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(headers(response)).containsEntry("content-range", "bytes */" + MONITOR_2022_BYTES.length);

        String marker = agent("after-416");
        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent", marker).GET());
        awaitEvent(marker);
        assertThat(eventsOf(agent)).isEmpty();
    }

    @Test
    void givenSeveralRanges_whenGet_thenWholeFileWith200() throws Exception {
        HttpResponse<byte[]> response = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE))
                .header("Range", "bytes=0-9,20-29").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FRYSLAN_BYTES);
    }

    @Test
    void givenIfRangeWithChangedEtag_whenGet_thenWholeFileWith200() throws Exception {
        HttpResponse<byte[]> stale = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE))
                .header("Range", "bytes=0-9").header("If-Range", "\"" + "0".repeat(64) + "\"").GET());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(FRYSLAN_BYTES);

        String etag = headers(stale).get("etag");
        HttpResponse<byte[]> current = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE))
                .header("Range", "bytes=0-9").header("If-Range", etag).GET());
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).isEqualTo(Arrays.copyOfRange(FRYSLAN_BYTES, 0, 10));
    }

    @Test
    void givenCurrentEtag_whenGetIfNoneMatch_then304WithValidatorsAndEvent() throws Exception {
        String agent = agent("not-modified");
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .header("User-Agent", agent).header("If-None-Match", "\"" + MONITOR_2022_SHA + "\"").GET());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(headers(response)).containsEntry("etag", "\"" + MONITOR_2022_SHA + "\"")
                .containsEntry("cache-control", "public, max-age=300");

        DownloadRequested event = JSON.readValue(awaitEvent(agent).value(), DownloadRequested.class);
        assertThat(event.status()).isEqualTo(304);
        assertThat(event.bytes()).isZero();
    }

    @Test
    void givenLastModified_whenGetIfModifiedSince_then304() throws Exception {
        String lastModified = headers(send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()))).get("last-modified");
        String agent = agent("not-modified-since");
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE))
                .header("User-Agent", agent).header("If-Modified-Since", lastModified).GET());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(headers(response)).containsEntry("last-modified", lastModified)
                .containsEntry("etag", "\"" + MONITOR_2022_SHA + "\"");
        DownloadRequested event = JSON.readValue(awaitEvent(agent).value(), DownloadRequested.class);
        assertThat(event.status()).isEqualTo(304);
    }

    @Test
    void givenRefusedRequests_whenAnswered_thenNoneIsRecorded() throws Exception {
        String agent = agent("refused");
        assertThat(send(request(path(UUID.randomUUID().toString(), "x.pdf")).header("User-Agent", agent).GET())
                .statusCode()).isEqualTo(404);
        assertThat(send(request(path(FACTSHEET_PROVINCIES, "factsheet-politieke-ambtsdragers-provincies-2022.pdf"))
                .header("User-Agent", agent).GET()).statusCode()).isEqualTo(410);
        assertThat(send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent", agent)
                .header("If-Match", "\"" + "0".repeat(64) + "\"").GET()).statusCode()).isEqualTo(412);
        assertThat(send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent", agent)
                .header("If-None-Match", "\"" + MONITOR_2022_SHA + "\"")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(304);
        assertThat(send(request(path(MONITOR_2022, "oude-naam.pdf")).header("User-Agent", agent).GET())
                .statusCode()).isEqualTo(301);

        // Same sender, answered in order: had any of them been recorded, it would be on the topic before this one.
        String marker = agent("after-refused");
        send(request(path(MONITOR_2022, MONITOR_2022_FILE)).header("User-Agent", marker).GET());
        awaitEvent(marker);
        assertThat(eventsOf(agent)).isEmpty();
    }

    @Test
    void givenSeveralIfMatchLines_whenOneNamesTheFile_thenServed() throws Exception {
        HttpResponse<byte[]> response = send(request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE))
                .header("If-Match", "\"" + "0".repeat(64) + "\"").header("If-Match", headers(send(
                        request(path(FACTSHEET_FRYSLAN, FRYSLAN_FILE)).method("HEAD",
                                HttpRequest.BodyPublishers.noBody()))).get("etag")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FRYSLAN_BYTES);
    }

    @Test
    void givenAReaderWhoBreaksOffALargeDownload_whenCounting_thenBytesServedIsWhatWentOutNotTheFileSize()
            throws Exception {
        double before = bytesServedBySendfile();
        long read = 0;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(8 * 1024); // before connecting: a small window the kernel does not grow
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path(MONITOR_2022_DATA, DATA_FILE) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            while (read < 256 * 1024) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            socket.setSoLinger(true, 0); // closing resets the connection, as a browser's cancel does
        }
        assertThat(read).isGreaterThanOrEqualTo(256 * 1024);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(bytesServedBySendfile() - before).isGreaterThanOrEqualTo(256 * 1024));
        assertThat(bytesServedBySendfile() - before).isLessThan(DATA_BYTES.length);
    }

    @Test
    void givenWrongFileName_whenGet_then301ToCanonicalEncodedUrl() throws Exception {
        HttpResponse<byte[]> response = send(request("/documents/" + FACTSHEET_FRYSLAN + "/oude-naam.pdf").GET());

        assertThat(response.statusCode()).isEqualTo(301);
        String location = headers(response).get("location");
        assertThat(location).isEqualTo("/documents/" + FACTSHEET_FRYSLAN + "/"
                + "Factsheet%20Monitor%20integriteit%20en%20veiligheid%202022%20%E2%80%93%20Frysl%C3%A2n.pdf");
        assertThat(send(request(location).GET()).body()).isEqualTo(FRYSLAN_BYTES);
    }

    @Test
    void givenTrailingSlashAndAQuery_whenGet_then301ToCanonicalKeepingTheQuery() throws Exception {
        HttpResponse<byte[]> response = send(request(path(MONITOR_2022, MONITOR_2022_FILE) + "/?utm_source=nieuwsbrief")
                .GET());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(headers(response)).containsEntry("location",
                path(MONITOR_2022, MONITOR_2022_FILE) + "?utm_source=nieuwsbrief");
    }

    @Test
    void givenNoFileName_whenGet_then301ToCanonical() throws Exception {
        HttpResponse<byte[]> response = send(request("/documents/" + MONITOR_2022).GET());
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(headers(response)).containsEntry("location", path(MONITOR_2022, MONITOR_2022_FILE));
    }

    @Test
    void givenUnknownDocument_whenGet_then404Problem() throws Exception {
        HttpResponse<byte[]> response = send(request(path(UUID.randomUUID().toString(), "x.pdf"))
                .header("Accept", "application/pdf").GET());
        assertProblem(response, 404);
    }

    @Test
    void givenDocumentOfUnpublishedEdition_whenGet_then404Problem() throws Exception {
        assertProblem(send(request(path(MONITOR_2024_DRAFT, "monitor-integriteit-en-veiligheid-2024.pdf")).GET()),
                404);
    }

    @Test
    void givenWithdrawnDocument_whenGet_then410Problem() throws Exception {
        assertProblem(send(request(path(FACTSHEET_PROVINCIES, "factsheet-politieke-ambtsdragers-provincies-2022.pdf"))
                .GET()), 410);
    }

    @Test
    void givenDocumentWithdrawnWhileRunning_whenGet_then410() throws Exception {
        String path = path(FACTSHEET_ALGEMEEN, "factsheet-politieke-ambtsdragers-algemeen-2022.pdf");
        assertThat(send(request(path).GET()).body()).isEqualTo(ALGEMEEN_BYTES);

        publish(withdrawn(FACTSHEET_ALGEMEEN, EDITION_2022));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(send(request(path).GET()).statusCode()).isEqualTo(410));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/documents/..%2F..%2F..%2Fetc%2Fpasswd/x.pdf",
            "/documents/%2e%2e/%2e%2e/etc/passwd",
            "/documents/%252e%252e/%252e%252e%252fetc%252fpasswd",
            "/documents/../../etc/passwd",
            "/documents/not-a-uuid/file.pdf",
            "/documents/0f5a8e1c-6b2d-4c1e-9a7b-202200000001/..%2F..%2Fblobs",
            "/documents/0f5a8e1c-6b2d-4c1e-9a7b-202200000001/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
            "/documents/0f5a8e1c-6b2d-4c1e-9a7b-202200000001;/../../etc/passwd",
            "/documents/0f5a8e1c-6b2d-4c1e-9a7b-20220000000100/x.pdf",
            "/blobs/incoming"})
    void givenTraversalAttempt_whenGet_thenNeverAFile(String rawPath) throws Exception {
        HttpResponse<byte[]> response = send(request(rawPath).GET());

        assertThat(response.statusCode()).isIn(301, 400, 404);
        assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).doesNotContain("%PDF")
                .doesNotContain("root:");
        if (response.statusCode() == 301) {
            assertThat(headers(response).get("location")).isEqualTo(path(MONITOR_2022, MONITOR_2022_FILE));
        }
    }

    // ---------------------------------------------------------------- real clients and the raw protocol

    @Test
    void givenCurl_whenDownloadingWholeAndARange_thenExactBytesAndStatuses() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        Path whole = Files.createTempFile("curl-whole", ".pdf");
        Path part = Files.createTempFile("curl-part", ".pdf");
        String url = "http://127.0.0.1:" + port + path(MONITOR_2022, MONITOR_2022_FILE);

        assertThat(run("curl", "-sS", "-o", whole.toString(), "-w", "%{http_code}", url)).isEqualTo("200");
        assertThat(run("curl", "-sS", "-r", "100-199", "-o", part.toString(), "-w", "%{http_code}", url))
                .isEqualTo("206");

        assertThat(Files.readAllBytes(whole)).isEqualTo(MONITOR_2022_BYTES);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOfRange(MONITOR_2022_BYTES, 100, 200));
    }

    @Test
    void givenCurlSendingABodyWithExpect100Continue_whenAsked_thenContinueComesAtOnceAndThenTheAnswer() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        String url = "http://127.0.0.1:" + port + path(MONITOR_2022, MONITOR_2022_FILE);

        // without a 100, curl would wait the whole 25 s before sending the body (and run() gives up after 30 s)
        String heads = run("curl", "-sS", "-o", "/dev/null", "-D", "-", "--expect100-timeout", "25",
                "-H", "Expect: 100-continue", "--data-binary", "a body", url);

        assertThat(heads).containsSubsequence("HTTP/1.1 100 Continue", "HTTP/1.1 405");
    }

    @Test
    void givenWgetContinuingAnInterruptedDownload_whenResumed_thenTheFileIsComplete() throws Exception {
        assumeTrue(onPath("wget"), "wget is not installed");
        Path file = Files.createTempDirectory("wget").resolve(MONITOR_2022_FILE);
        Files.write(file, Arrays.copyOfRange(MONITOR_2022_BYTES, 0, 70_000)); // what an interrupted run left

        run("wget", "-q", "-c", "-O", file.toString(),
                "http://127.0.0.1:" + port + path(MONITOR_2022, MONITOR_2022_FILE));

        assertThat(Files.readAllBytes(file)).isEqualTo(MONITOR_2022_BYTES);
    }

    /**
     * A visitor opens a factsheet in Debian's chromium (headless, driven by playwright-core from
     * {@code src/test/js/pdf-viewer.mjs}): the browser shows it inline in its PDF viewer, which parses every page
     * of the one response, and exactly one download is recorded. Skipped, with the reason, only where node or
     * chromium is missing; CI installs both.
     */
    @Test
    void givenChromiumsPdfViewer_whenAVisitorOpensAFactsheet_thenEveryPageShows_andOneDownloadIsRecorded()
            throws Exception {
        String missing = !onPath("node") ? "no `node` on PATH"
                : !Files.isExecutable(CHROMIUM) ? "no chromium at " + CHROMIUM + " (set CHROMIUM_PATH)" : null;
        assumeTrue(missing == null, "SKIPPED: " + missing + "; CI installs both (see .ci/run)");
        String agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156 " + agent("pdf-viewer");
        String url = "http://127.0.0.1:" + port + path(FACTSHEET_ZUID_HOLLAND, ZUID_HOLLAND_FILE);

        JsonNode viewer = JSON.readTree(node("pdf-viewer.mjs", url, agent));

        assertThat(viewer.path("error").isMissingNode()).as(viewer.toString()).isTrue();
        assertThat(viewer.get("status").asInt()).isEqualTo(200);
        assertThat(viewer.get("downloadStarted").asBoolean()).as("shown inline, not saved").isFalse();
        assertThat(viewer.get("viewer").asBoolean()).as("Chromium's PDF viewer opened").isTrue();
        assertThat(viewer.get("loadState").asText()).as(viewer.toString()).isEqualTo("success");
        assertThat(viewer.get("pages").asInt()).isEqualTo(3);
        assertThat(viewer.get("title").asText()).isEqualTo(ZUID_HOLLAND_FILE);
        ConsumerRecord<String, String> record = awaitEvent(agent);
        DownloadRequested event = JSON.readValue(record.value(), DownloadRequested.class);
        assertThat(event.documentId()).isEqualTo(FACTSHEET_ZUID_HOLLAND);
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.bytes()).isEqualTo(ZUID_HOLLAND_BYTES.length);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> eventsOf(agent).size() == 1);
    }

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    /**
     * A visitor reads a 120-page report in Firefox's PDF engine (pdf.js 4, from {@code src/test/js/pdfjs-reader.mjs}),
     * which fetches a large file in 64 KiB byte ranges once the first answer says {@code Accept-Ranges: bytes}:
     * every page is read, and each range is a recorded 206 with its exact bounds. Skipped only without node.
     */
    @Test
    void givenPdfJs_whenAReaderOpensALargeReport_thenItReadsItInByteRanges_andEachRangeIsRecorded() throws Exception {
        assumeTrue(onPath("node"), "SKIPPED: no `node` on PATH; CI installs it (see .ci/run)");
        String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0 " + agent("pdfjs");
        String url = "http://127.0.0.1:" + port + path(MONITOR_2022_BIJLAGEN, BIJLAGEN_FILE);

        JsonNode reader = JSON.readTree(node("pdfjs-reader.mjs", url, agent));

        assertThat(reader.path("error").isMissingNode()).as(reader.toString()).isTrue();
        assertThat(reader.get("pages").asInt()).isEqualTo(120);
        assertThat(reader.get("lastPageText").asText()).startsWith("Pagina 120 van 120");
        List<DownloadRequested> events = await().atMost(Duration.ofSeconds(20))
                .until(() -> eventsOf(agent).stream().map(r -> JSON.readValue(r.value(), DownloadRequested.class))
                        .toList(), list -> list.stream().anyMatch(e -> e.status() == 206));
        assertThat(events).allSatisfy(e -> assertThat(e.documentId()).isEqualTo(MONITOR_2022_BIJLAGEN));
        assertThat(events).filteredOn(e -> e.status() == 206).hasSizeGreaterThan(1).allSatisfy(e -> {
            assertThat(e.rangeStart()).isBetween(0L, BIJLAGEN_BYTES.length - 1L);
            assertThat(e.rangeEnd()).isBetween(e.rangeStart(), BIJLAGEN_BYTES.length - 1L);
            assertThat(e.bytes()).isEqualTo(e.rangeEnd() - e.rangeStart() + 1).isLessThanOrEqualTo(65_536);
        });
        assertThat(events).filteredOn(e -> e.status() == 200).hasSizeLessThanOrEqualTo(1); // the cancelled first ask
    }

    /**
     * Runs one of the scripts in src/test/js (installed with {@code npm ci} into target/pdf-readers) with a URL and a
     * user agent; the JSON it prints last.
     */
    private static String node(String script, String url, String userAgent) throws Exception {
        Path scripts = Path.of("src/test/js");
        Path work = Path.of("target/pdf-readers");
        Files.createDirectories(work);
        for (String file : List.of(script, "package.json", "package-lock.json")) {
            Files.copy(scripts.resolve(file), work.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = work.resolve("node_modules/.installed-package-lock.json");
        if (!Files.exists(installed) || Files.mismatch(work.resolve("package-lock.json"), installed) != -1) {
            // without optional packages: pdf.js's canvas (33 MB) is for rendering, the tests read text
            ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--omit=optional", "--ignore-scripts", "--no-audit",
                    "--no-fund")
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm-ci.log").toFile());
            npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"); // playwright-core brings no browser
            Process install = npm.start();
            assertThat(install.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) && install.exitValue() == 0)
                    .as("npm ci in %s: %s", work, Files.readString(work.resolve("npm-ci.log"))).isTrue();
            Files.copy(work.resolve("package-lock.json"), installed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder node = new ProcessBuilder("node", script, url, userAgent).directory(work.toFile())
                .redirectError(work.resolve("node-stderr.log").toFile());
        node.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
        node.environment().put("PDF_VIEWER_TMPDIR", work.toAbsolutePath().toString());
        Process process = node.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("node %s: %s", script, Files.readString(work.resolve("node-stderr.log")))
                .isZero();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @Test
    void givenPipelinedRequestsOnOneConnection_whenSentInOneWrite_thenAnsweredInOrderAndTheConnectionStaysOpen()
            throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String file = path(FACTSHEET_FRYSLAN, FRYSLAN_FILE);
            String requests = "HEAD " + file + " HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET " + file + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n"
                    + "GET /documents/" + FACTSHEET_PROVINCIES + "/x.pdf HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /actuator/health/liveness HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());

            RawResponse head = RawResponse.read(in, true);
            RawResponse range = RawResponse.read(in, false);
            RawResponse gone = RawResponse.read(in, false);
            RawResponse liveness = RawResponse.read(in, false);

            assertThat(head.status).isEqualTo(200);
            assertThat(head.headers).containsEntry("content-length", Integer.toString(FRYSLAN_BYTES.length));
            assertThat(range.status).isEqualTo(206);
            assertThat(range.body).isEqualTo(Arrays.copyOfRange(FRYSLAN_BYTES, 0, 10));
            assertThat(gone.status).isEqualTo(410);
            assertThat(liveness.status).isEqualTo(200);
            assertThat(new String(liveness.body, StandardCharsets.UTF_8)).contains("UP");
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void givenHttp10Client_whenItAsksWithoutKeepAlive_thenAnsweredAndTheConnectionClosed() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path(FACTSHEET_FRYSLAN, FRYSLAN_FILE) + " HTTP/1.0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());

            RawResponse response = RawResponse.read(in, false);

            assertThat(response.status).isEqualTo(200);
            assertThat(response.body).isEqualTo(FRYSLAN_BYTES);
            assertThat(in.read()).as("end of stream: the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void givenGarbageInsteadOfARequest_whenSent_then400AndTheConnectionClosed() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /documents/x HTTP/9.9 junk\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());

            RawResponse response = RawResponse.read(in, false);

            assertThat(response.status).isEqualTo(400);
            assertThat(response.headers.get("content-type")).isEqualTo("application/problem+json");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** One HTTP/1.1 response read off a socket: status line, headers, and a Content-Length body. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {

        static RawResponse read(java.io.InputStream in, boolean head) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            int length = head || status == 304 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new RawResponse(status, headers, in.readNBytes(length));
        }

        private static String line(java.io.InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed mid-response after: " + line);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a client to completion; its standard output. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out.trim();
    }

    @Test
    void givenBlobHashAsDocumentId_whenGet_then404() throws Exception {
        assertProblem(send(request("/documents/" + MONITOR_2022_SHA + "/" + MONITOR_2022_FILE).GET()), 404);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(headers(response).get("content-type")).startsWith("application/problem+json");
        assertThat(headers(response)).containsEntry("x-content-type-options", "nosniff")
                .doesNotContainKey("content-disposition");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":" + status)
                .contains("\"title\":");
    }

    private ConsumerRecord<String, String> awaitEvent(String userAgent) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(userAgent), list -> !list.isEmpty())
                .get(0);
    }

    /** Every event seen so far on downloads.requested from the client that sent this User-Agent. */
    private static synchronized List<ConsumerRecord<String, String>> eventsOf(String userAgent) {
        if (downloads == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            downloads = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = downloads.partitionsFor(Topics.DOWNLOADS_REQUESTED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            downloads.assign(partitions);
            downloads.seekToBeginning(partitions);
        }
        downloads.poll(Duration.ofMillis(200)).forEach(SEEN::add);
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        for (ConsumerRecord<String, String> record : SEEN) {
            if (userAgent.equals(JSON.readValue(record.value(), DownloadRequested.class).userAgent())) {
                matching.add(record);
            }
        }
        return matching;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        return headers;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String path(String documentId, String fileName) {
        return "/documents/" + documentId + "/"
                + org.springframework.web.util.UriUtils.encodePathSegment(fileName, StandardCharsets.UTF_8);
    }

    private static String agent(String test) {
        return "DocumentDownloadIT/" + test + "/" + UUID.randomUUID();
    }

    private static Path createBlobDir() {
        try {
            return Files.createTempDirectory("download-it-blobs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes that look like a PDF to a sniffer but are random enough that a wrong offset shows. */
    private static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static String store(byte[] bytes) {
        try {
            BlobStore store = new FileSystemBlobStore(BLOB_DIR);
            return store.put(new ByteArrayInputStream(bytes), bytes.length).sha256();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
