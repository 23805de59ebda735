package nl.publicaties.download.recording;

import static nl.publicaties.download.CatalogEventsMother.document;
import static nl.publicaties.download.CatalogEventsMother.publish;
import static nl.publicaties.download.CatalogEventsMother.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nl.publicaties.blobstore.FileSystemBlobStore;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.download.DownloadServiceApplication;
import nl.publicaties.download.DownloadsTopicReader;
import nl.publicaties.download.SwitchableTcpProxy;
import nl.publicaties.download.TestKafka;
import nl.publicaties.download.recording.storage.Spool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The spool between a download and Kafka, with whole application instances (real HTTP, real KRaft broker):
 * Kafka away during downloads, a crash between spool and Kafka with a torn last record, a full spool, and two
 * instances side by side. Each instance is started like a real one, from its command line.
 */
class SpoolForwardingIT {

    static final String EDITION_2021 = "7c1e4f52-0d7e-4b7a-9a53-5e1f00002021";
    static final String MONITOR_2021 = "0f5a8e1c-6b2d-4c1e-9a7b-202100000001";
    static final String FILE = "monitor-integriteit-en-veiligheid-2021.pdf";
    static final byte[] BYTES = new byte[70_000];
    static final Path WORK;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static DownloadsTopicReader topic;

    static {
        try {
            WORK = Files.createTempDirectory("spool-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        new Random(2021).nextBytes(BYTES);
    }

    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @BeforeAll
    static void monitor2021Published() throws IOException {
        String sha256 = new FileSystemBlobStore(WORK.resolve("blobs"))
                .put(new ByteArrayInputStream(BYTES), BYTES.length).sha256();
        publish(document(MONITOR_2021, EDITION_2021, 1, "Monitor integriteit en veiligheid 2021", FILE,
                BYTES.length, sha256));
        publish(published(EDITION_2021));
    }

    @AfterEach
    void stopInstances() {
        running.forEach(ConfigurableApplicationContext::close);
        running.clear();
    }

    @AfterAll
    static void closeTopic() {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void givenKafkaUnreachable_whenDownloading_thenAllServedAndEveryEventArrivesOnceAfterKafkaReturns()
            throws Exception {
        try (SwitchableTcpProxy kafka = new SwitchableTcpProxy(TestKafka.bootstrapServers())) {
            ConfigurableApplicationContext instance = start("download-outage", WORK.resolve("spool-outage"),
                    kafka.address());
            String agent = agent();
            // there before the first failure, so that a dashboard's increase() sees that failure too
            assertThat(failuresOfKafka(instance)).isNotNull();

            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                HttpResponse<byte[]> response = download(instance, agent);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(BYTES);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            Spool spool = instance.getBean(Spool.class);
            assertThat(spool.unforwardedRecords()).isEqualTo(20);
            assertThat(get(instance, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(get(instance, "/actuator/prometheus").body()).contains("download_spool_depth 20.0");
                assertThat(failuresOfKafka(instance)).isPositive();
            });
            assertThat(topic().eventsFrom(agent)).isEmpty();

            kafka.open();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(uniqueByEventId(topic().eventsFrom(agent))).hasSize(20));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(spool.unforwardedRecords()).isZero());
            assertThat(uniqueByEventId(topic().eventsFrom(agent)).values())
                    .allSatisfy(e -> assertThat(e.instance()).isEqualTo("download-outage"));
        }
    }

    @Test
    void givenRecordsSpooledButNotForwarded_whenAnInstanceCrashesWithATornRecord_thenTheNextInstanceReplaysThem()
            throws Exception {
        Path spoolDir = WORK.resolve("spool-crash");
        String agent = agent();
        ConfigurableApplicationContext crashed = start("download-crashed", spoolDir, "127.0.0.1:9");
        for (int i = 0; i < 7; i++) {
            assertThat(download(crashed, agent).statusCode()).isEqualTo(200);
        }
        assertThat(crashed.getBean(Spool.class).unforwardedRecords()).isEqualTo(7);
        long end = crashed.getBean(Spool.class).durableEnd();
        crashed.close();
        running.remove(crashed);
        // The crash hit while the writer was appending an eighth record: half of it reached the disk.
        Path last;
        try (Stream<Path> files = Files.list(spoolDir)) {
            last = files.filter(f -> f.toString().endsWith(".seg")).max(Path::compareTo).orElseThrow();
        }
        long base = Long.parseLong(last.getFileName().toString().replace(".seg", ""));
        try (FileChannel segment = FileChannel.open(last, StandardOpenOption.WRITE)) {
            segment.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 42, 42, 42, 42, 0, 0, 0, 0}), end - base);
        }
        assertThat(topic().eventsFrom(agent)).isEmpty();

        ConfigurableApplicationContext next = start("download-restarted", spoolDir, TestKafka.bootstrapServers());

        assertThat(next.getBean(Spool.class).tornRecordsAtOpen()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(uniqueByEventId(topic().eventsFrom(agent))).hasSize(7));
        assertThat(uniqueByEventId(topic().eventsFrom(agent)).values())
                .allSatisfy(e -> assertThat(e.instance()).isEqualTo("download-crashed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(next.getBean(Spool.class).unforwardedRecords()).isZero());
    }

    @Test
    void givenAnInstanceKilledWithoutWarning_whenItsSpoolIsOpenedAgain_thenEveryDownloadItServedReachesKafka()
            throws Exception {
        // A process of its own, from the jar this build packaged, so that SIGKILL ends it with no shutdown at all:
        // no close, no last commit, whatever the page cache held and nothing else.
        Path jar = Path.of("target", "download-service.jar").toAbsolutePath();
        assertThat(jar).as("failsafe runs after package").isRegularFile();
        Path spoolDir = WORK.resolve("spool-killed");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process killed = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx192m",
                "-jar", jar.toString(), "--download.http.port=" + port,
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.kafka.producer.bootstrap-servers=127.0.0.1:9",
                "--spring.kafka.producer.properties.max.block.ms=1000", "--download.instance-id=download-killed",
                "--download.blob-dir=" + WORK.resolve("blobs"), "--download.spool.dir=" + spoolDir)
                .redirectErrorStream(true).redirectOutput(WORK.resolve("killed.log").toFile()).start();
        String agent = agent();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            for (int i = 0; i < 9; i++) {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/documents/"
                        + MONITOR_2021 + "/" + FILE)).header("User-Agent", agent).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(BYTES);
            }
        } finally {
            killed.destroyForcibly(); // SIGKILL
            assertThat(killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(killed.exitValue()).isEqualTo(137);
        assertThat(topic().eventsFrom(agent)).isEmpty();

        ConfigurableApplicationContext next = start("download-after-kill", spoolDir, TestKafka.bootstrapServers());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(uniqueByEventId(topic().eventsFrom(agent))).hasSize(9));
        assertThat(uniqueByEventId(topic().eventsFrom(agent)).values())
                .allSatisfy(e -> assertThat(e.instance()).isEqualTo("download-killed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(next.getBean(Spool.class).unforwardedRecords()).isZero());
    }

    @Test
    void givenAnInstanceThatIsGoneLeftDownloadsInItsSpool_whenAnotherRunsBesideIt_thenItForwardsThemButNeverARunningOnes()
            throws Exception {
        Path volume = WORK.resolve("spool-volume"); // as the Docker image's shared volume: a directory per instance
        String agent = agent();
        ConfigurableApplicationContext leaving = start("download-leaving", volume.resolve("download-leaving"),
                "127.0.0.1:9");
        for (int i = 0; i < 6; i++) {
            assertThat(download(leaving, agent).statusCode()).isEqualTo(200);
        }
        ConfigurableApplicationContext staying = start("download-staying", volume.resolve("download-staying"),
                TestKafka.bootstrapServers(), "--download.spool.take-over-interval=1s");

        Thread.sleep(2_500); // two looks around while the other instance still runs: its spool is locked
        assertThat(topic().eventsFrom(agent)).isEmpty();
        assertThat(volume.resolve("download-leaving")).isDirectory();

        leaving.close(); // scaled down with Kafka still out of its reach: six downloads wait in its spool
        running.remove(leaving);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(uniqueByEventId(topic().eventsFrom(agent))).hasSize(6));
        assertThat(uniqueByEventId(topic().eventsFrom(agent)).values())
                .allSatisfy(e -> assertThat(e.instance()).isEqualTo("download-leaving"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(volume.resolve("download-leaving")).doesNotExist();
            assertThat(staying.getBean(Spool.class).unforwardedRecords()).isZero();
        });
    }

    @Test
    void givenASpoolDirectoryInUse_whenASecondInstanceIsStartedOnIt_thenItRefusesToStart() {
        Path spoolDir = WORK.resolve("spool-shared");
        start("download-first", spoolDir, TestKafka.bootstrapServers());

        assertThatThrownBy(() -> new SpringApplicationBuilder(DownloadServiceApplication.class).run(
                "--download.http.port=0", "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--download.instance-id=download-second", "--download.blob-dir=" + WORK.resolve("blobs"),
                "--download.spool.dir=" + spoolDir))
                .hasRootCauseInstanceOf(Spool.SpoolInUse.class);
    }

    @Test
    void givenSpoolFillingWhileKafkaIsAway_whenItIsNearlyFull_thenNotReadyAndThenDownloadsRefusedWith503()
            throws Exception {
        long segment = Spool.HEADER_BYTES + Spool.MAX_PAYLOAD_BYTES;
        ConfigurableApplicationContext instance = start("download-full", WORK.resolve("spool-full"), "127.0.0.1:9",
                "--download.spool.segment-bytes=" + segment, "--download.spool.max-bytes=" + segment);
        String agent = agent();
        Spool spool = instance.getBean(Spool.class);

        int served = 0;
        HttpResponse<byte[]> response = download(instance, agent);
        while (response.statusCode() == 200 && served < 1_000) {
            served++;
            if (spool.fillRatio() >= 0.9) {
                assertThat(get(instance, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            }
            response = download(instance, agent);
        }

        assertThat(served).isGreaterThan(50);
        assertThat(spool.unforwardedRecords()).isEqualTo(served);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> readiness = get(instance, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"spool\"").contains("OUT_OF_SERVICE");
    }

    @Test
    void givenTwoInstancesWithTheirOwnSpools_whenBothServe_thenEveryDownloadIsCountedOnceWithItsInstanceAndOneVisitorKey()
            throws Exception {
        ConfigurableApplicationContext a = start("download-a", WORK.resolve("spool-a"), TestKafka.bootstrapServers());
        ConfigurableApplicationContext b = start("download-b", WORK.resolve("spool-b"), TestKafka.bootstrapServers());
        String agent = agent();

        for (int i = 0; i < 5; i++) {
            assertThat(download(a, agent).statusCode()).isEqualTo(200);
            assertThat(download(b, agent).statusCode()).isEqualTo(200);
            assertThat(download(b, agent).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(uniqueByEventId(topic().eventsFrom(agent))).hasSize(15));
        Map<String, Long> byInstance = uniqueByEventId(topic().eventsFrom(agent)).values().stream()
                .collect(Collectors.groupingBy(DownloadRequested::instance, Collectors.counting()));
        assertThat(byInstance).containsExactlyInAnyOrderEntriesOf(Map.of("download-a", 5L, "download-b", 10L));
        // one visitor (same address, same browser) is one visitor to the counting rules, whichever instance served:
        // one key per UTC day (a run across midnight has two, the day's secret having changed)
        Map<LocalDate, Set<String>> keysByDay = uniqueByEventId(topic().eventsFrom(agent)).values().stream()
                .collect(Collectors.groupingBy(e -> e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(),
                        Collectors.mapping(DownloadRequested::visitorKey, Collectors.toSet())));
        assertThat(keysByDay.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
    }

    // ---------------------------------------------------------------- helpers

    ConfigurableApplicationContext start(String instanceId, Path spoolDir, String producerBootstrap,
            String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--download.http.port=0",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--spring.kafka.producer.bootstrap-servers=" + producerBootstrap,
                "--spring.kafka.producer.properties.max.block.ms=1000",
                "--download.instance-id=" + instanceId,
                "--download.blob-dir=" + WORK.resolve("blobs"),
                "--download.spool.dir=" + spoolDir));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DownloadServiceApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(get(context, "/actuator/health/readiness").statusCode()).isEqualTo(200));
        return context;
    }

    static DownloadsTopicReader topic() {
        if (topic == null) {
            topic = new DownloadsTopicReader();
        }
        return topic;
    }

    /** download_events_publish_failures_total{reason="kafka"} as scraped; null when the series is missing. */
    static Double failuresOfKafka(ConfigurableApplicationContext instance) throws Exception {
        return get(instance, "/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("download_events_publish_failures_total{")
                        && line.contains("reason=\"kafka\""))
                .map(line -> Double.valueOf(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(null);
    }

    static Map<String, DownloadRequested> uniqueByEventId(List<DownloadRequested> events) {
        return events.stream().collect(Collectors.toMap(DownloadRequested::eventId, Function.identity(),
                (first, again) -> first));
    }

    static String agent() {
        return "spool-it/" + UUID.randomUUID();
    }

    static URI uri(ConfigurableApplicationContext context, String path) {
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.download.port") + path);
    }

    static HttpResponse<byte[]> download(ConfigurableApplicationContext context, String agent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(context, "/documents/" + MONITOR_2021 + "/" + FILE))
                .header("User-Agent", agent).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(context, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
