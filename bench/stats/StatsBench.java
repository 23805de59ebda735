import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.download.DownloadRequested;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projection throughput of stats-service: pre-fills downloads.requested (real KRaft broker) with N events,
 * then starts the real service jar against a real PostgreSQL and measures how fast the live series takes
 * them in (events/s), then the batch-counts latency for 50 ids. Run by run.sh.
 */
public class StatsBench {

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15");
    static final List<String> ROBOTS = List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0", "python-requests/2.31.0");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path jar = Path.of(args.length > 1 ? args[1] : "stats-service/target/stats-service.jar");
        String concurrency = System.getenv().getOrDefault("STATS_CONSUMER_CONCURRENCY", "3");
        Random random = new Random(42);

        System.out.println("starting PostgreSQL and a KRaft broker (3 partitions) ...");
        // BENCH_PROFILE=1: pg_stat_statements on, the statements that took the time printed at the end
        boolean profile = "1".equals(System.getenv("BENCH_PROFILE"));
        EmbeddedPostgres.Builder postgresBuilder = EmbeddedPostgres.builder();
        if (profile) {
            postgresBuilder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres postgres = postgresBuilder.start();
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("create database stats");
        }
        if (profile) {
            try (Connection c = postgres.getDatabase("postgres", "stats").getConnection(); Statement s = c.createStatement()) {
                s.execute("create extension pg_stat_statements");
            }
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.DOWNLOADS_REQUESTED);
        kafka.afterPropertiesSet();
        String brokers = kafka.getBrokersAsString();

        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            documents.add(UUID.randomUUID().toString());
        }
        JsonMapper json = JsonMapper.builder().build();
        long fillStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer())) {
            Instant start = Instant.now().minus(Duration.ofDays(30));
            for (int i = 0; i < events; i++) {
                String document = documents.get((int) Math.min(documents.size() - 1, Math.abs(random.nextGaussian()) * 120));
                int kind = random.nextInt(100);
                String method = kind < 3 ? "HEAD" : "GET";
                int status = kind >= 3 && kind < 5 ? 206 : kind == 5 ? 304 : 200;
                Long rangeStart = status == 206 ? (kind == 3 ? 0L : 500L) : null;
                String agent = kind >= 90 ? ROBOTS.get(random.nextInt(ROBOTS.size())) : BROWSERS.get(random.nextInt(BROWSERS.size()));
                // visitors return within seconds now and then: double clicks happen
                Instant at = start.plusMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis()));
                DownloadRequested event = new DownloadRequested(UUID.randomUUID().toString(), document,
                        "3d7f0c55-5b8e-5b34-9a8e-6d3c3bdf2022", at, method, status, rangeStart,
                        rangeStart == null ? null : rangeStart + 999, 1000, agent, "v-" + random.nextInt(20_000), "bench");
                ProducerRecord<String, byte[]> record = wire(json, event);
                producer.send(record);
            }
            producer.flush();
        }
        System.out.printf("pre-filled %d events in %.1f s%n", events, (System.nanoTime() - fillStart) / 1e9);

        // BENCH_CATALOG_DOCUMENTS=n: a baseline of n documents imported at start (the real import path), so the
        // in-memory snapshot behind GET /api/counts holds a catalog of that size and its reloads are measured
        int catalog = Integer.parseInt(System.getenv().getOrDefault("BENCH_CATALOG_DOCUMENTS", "0"));
        Path baseline = Path.of("stats-service/target/bench-baseline.csv").toAbsolutePath();
        if (catalog > 0) {
            StringBuilder csv = new StringBuilder("# benchmark catalog: generated by bench/stats/StatsBench.java\n"
                    + "# source: none (synthetic)\ndocument_id,downloads,title\n");
            for (int i = 0; i < catalog; i++) {
                csv.append(UUID.randomUUID()).append(',').append(random.nextInt(1000)).append(",\"bench document ")
                        .append(i).append("\"\n");
            }
            java.nio.file.Files.writeString(baseline, csv);
        }

        int port = freePort();
        String dbUrl = postgres.getJdbcUrl("postgres", "stats");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
        // e.g. BENCH_SERVICE_JAVA_OPTS=-XX:StartFlightRecording=filename=stats-service/target/bench.jfr
        String javaOpts = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "");
        if (!javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of(
                "STATS_PORT", Integer.toString(port),
                "STATS_DB_URL", dbUrl, "STATS_DB_USER", "postgres", "STATS_DB_PASSWORD", "postgres",
                "KAFKA_BOOTSTRAP_SERVERS", brokers,
                "STATS_BASELINE_ENABLED", Boolean.toString(catalog > 0),
                "STATS_BASELINE_FILE", "file:" + baseline,
                "STATS_CONSUMER_CONCURRENCY", concurrency,
                // sha256("bench-analyst"): lets BENCH_HOLD_SECONDS runs open the dashboard
                "STATS_ANALYST_TOKEN_SHA256", "1e309560149630fa17832f3aac8a77f161523fd00b411acc3b909d31e7e414e1"));
        File log = new File("stats-service/target/bench-stats-service.log");
        builder.redirectErrorStream(true).redirectOutput(log);
        long processStart = System.nanoTime();
        Process service = builder.start();
        try {
            long firstAt = 0;
            long firstCount = 0;
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            List<long[]> samples = new ArrayList<>(); // {nanoTime, events seen}
            try (Connection c = postgres.getDatabase("postgres", "stats").getConnection()) {
                while (count < events && System.nanoTime() < deadline) {
                    if (!service.isAlive()) {
                        throw new IllegalStateException("stats-service ended; see " + log);
                    }
                    count = seen(c);
                    if (count > 0) {
                        samples.add(new long[] {System.nanoTime(), count});
                    }
                    if (count > 0 && firstAt == 0) {
                        firstAt = System.nanoTime();
                        firstCount = count;
                    }
                    Thread.sleep(100);
                }
            }
            long end = System.nanoTime();
            if (count < events) {
                throw new IllegalStateException("only " + count + " of " + events + " events projected in 20 minutes");
            }
            double seconds = (end - firstAt) / 1e9;
            System.out.printf("projected %d events (%d before the first measurement) in %.1f s after the first commit%n",
                    events, firstCount, seconds);
            System.out.printf("RESULT events/s (sustained, consumer concurrency %s): %.0f%n", concurrency,
                    (events - firstCount) / seconds);
            System.out.println(windows(samples, events));
            System.out.printf("including service start-up (%.1f s to the end): %.0f events/s%n",
                    (end - processStart) / 1e9, events / ((end - processStart) / 1e9));
            if (profile) {
                statements(postgres, "projection");
            }
            try (Connection c = postgres.getDatabase("postgres", "stats").getConnection()) {
                if (catalog > 0) {
                    // the import is one transaction at start-up, beside the projection; the phases below measure
                    // the service after it, as it runs from then on
                    while (!imported(c)) {
                        Thread.sleep(200);
                    }
                    System.out.printf("baseline of %d documents imported %.1f s after the service was started%n", catalog,
                            (System.nanoTime() - processStart) / 1e9);
                    Thread.sleep(2_000);
                }
                visibility(port, brokers, json, c);
            }
            latency(port, documents);
            countsWithWrk(port, documents, brokers, json);
            snapshotLoads(port, catalog);
            if (profile) {
                statements(postgres, "visibility and counts");
            }
            int hold = Integer.parseInt(System.getenv().getOrDefault("BENCH_HOLD_SECONDS", "0"));
            if (hold > 0) {
                System.out.printf("holding the service on http://localhost:%d for %d s; the measured call: %s%n", port, hold,
                        countsUri(port, documents));
                Thread.sleep(hold * 1000L);
            }
        } finally {
            service.destroy();
            service.waitFor(15, TimeUnit.SECONDS);
            kafka.destroy();
            postgres.close();
        }
    }

    /**
     * Download -> visible count in GET /api/counts (what the gateway puts on the page) at a steady 500 downloads/s
     * for 20 s, events stamped when sent. Each of 50 fresh documents is one key (one partition, in order), so when
     * its count reaches k its k-th event is visible.
     */
    private static void visibility(int port, String brokers, JsonMapper json, Connection db) throws Exception {
        int rate = 500;
        int seconds = 20;
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(UUID.randomUUID().toString());
        }
        Map<String, List<Long>> sentAt = new ConcurrentHashMap<>();
        docs.forEach(d -> sentAt.put(d, Collections.synchronizedList(new ArrayList<>())));
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> visible = new HashMap<>();
        // the same, read from the live series' document_count: what the projection has committed
        List<Long> stored = new ArrayList<>();
        Map<String, Integer> storedUpTo = new HashMap<>();
        java.sql.PreparedStatement storedCounts = db.prepareStatement("""
                select document_id::text, counted_events from document_count
                where series_id = (select series_id from counting_series where live) and document_id = any(?::uuid[])
                """);
        storedCounts.setArray(1, db.createArrayOf("text", docs.toArray()));
        Thread sender = new Thread(() -> {
            try (KafkaProducer<String, byte[]> producer = liveProducer(brokers)) {
                long start = System.nanoTime();
                for (int i = 0; i < rate * seconds; i++) {
                    long due = start + i * 1_000_000_000L / rate;
                    pace(due);
                    String document = docs.get(i % docs.size());
                    DownloadRequested event = new DownloadRequested(UUID.randomUUID().toString(), document, null, Instant.now(),
                            "GET", 200, null, null, 1000, BROWSERS.get(0), "visitor-" + i, "bench");
                    ProducerRecord<String, byte[]> record = wire(json, event);
                    sentAt.get(document).add(System.nanoTime());
                    producer.send(record);
                }
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60);
        int total = rate * seconds;
        // what the public page shows: the gateway's batch call (every event here counts: a browser, GET 200, and a
        // visitor of its own, so no double click)
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ask = HttpRequest.newBuilder(countsUri(port, docs)).build();
        for (int i = 0; i < 500; i++) { // a cold client's first calls take longer than the service
            http.send(ask, HttpResponse.BodyHandlers.ofByteArray());
        }
        sender.start();
        while (latencies.size() < total && System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = http.send(ask, HttpResponse.BodyHandlers.ofByteArray());
            long now = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("counts answered " + response.statusCode());
            }
            for (DocumentCounts.Entry entry : json.readValue(response.body(), DocumentCounts.class).documents()) {
                seenUpTo(entry.documentId(), entry.counted(), now, sentAt, visible, latencies);
            }
            try (ResultSet rs = storedCounts.executeQuery()) {
                long at = System.nanoTime();
                while (rs.next()) {
                    seenUpTo(rs.getString(1), rs.getLong(2), at, sentAt, storedUpTo, stored);
                }
            }
            Thread.sleep(10);
        }
        sender.join();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println("RESULT visibility: nothing became visible");
            return;
        }
        System.out.printf("RESULT download -> visible count at %d downloads/s for %d s (%d of %d seen, polled every 10 ms): "
                        + "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", rate, seconds, sorted.length, total,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
        long[] inDatabase = stored.stream().mapToLong(Long::longValue).sorted().toArray();
        if (inDatabase.length > 0) {
            System.out.printf("  of which in the database (document_count, polled alongside): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    inDatabase[inDatabase.length / 2] / 1e6, inDatabase[(int) (inDatabase.length * 0.95)] / 1e6,
                    inDatabase[inDatabase.length - 1] / 1e6);
        }
    }

    /**
     * A document's count reached {@code count} at {@code at}: its events up to that one, not seen before, took from
     * their sending until now.
     */
    private static void seenUpTo(String document, long count, long at, Map<String, List<Long>> sentAt,
            Map<String, Integer> seen, List<Long> latencies) {
        List<Long> sent = sentAt.get(document);
        int before = seen.getOrDefault(document, 0);
        int upTo = (int) Math.min(count, sent.size());
        for (int k = before; k < upTo; k++) {
            latencies.add(at - sent.get(k));
        }
        seen.put(document, Math.max(before, upTo));
    }

    private static boolean imported(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from baseline_import")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    /**
     * The rate in consecutive windows of at least one second, from the first commit until the last window that ends
     * before the last event: "sustained" means every one of them, not only the average.
     */
    private static String windows(List<long[]> samples, long events) {
        List<Double> rates = new ArrayList<>();
        int i = 0;
        for (int j = 1; j < samples.size(); j++) {
            long[] from = samples.get(i);
            long[] to = samples.get(j);
            if (to[1] >= events) {
                break;
            }
            if (to[0] - from[0] >= TimeUnit.SECONDS.toNanos(1)) {
                rates.add((to[1] - from[1]) / ((to[0] - from[0]) / 1e9));
                i = j;
            }
        }
        if (rates.isEmpty()) {
            return "RESULT events/s per one-second window: none complete";
        }
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        StringBuilder each = new StringBuilder();
        rates.forEach(rate -> each.append(each.isEmpty() ? "" : " ").append(Math.round(rate / 100) / 10.0).append('k'));
        return String.format("RESULT events/s per one-second window (%d windows): min %.0f, median %.0f, max %.0f%n  windows in order: %s",
                rates.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), each);
    }

    private static long seen(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(counted_events + excluded_events), 0) from counting_series where live")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException notYetMigrated) {
            return 0;
        }
    }

    /** A producer for downloads sent one by one at a paced rate, acknowledged by the broker as download-service's are. */
    private static KafkaProducer<String, byte[]> liveProducer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A DownloadRequested as download-service puts it on the topic: keyed by document, named and revised in headers. */
    private static ProducerRecord<String, byte[]> wire(JsonMapper json, DownloadRequested event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DOWNLOADS_REQUESTED, event.documentId(),
                json.writeValueAsBytes(event));
        record.headers().add(MessageHeaders.TYPE, DownloadRequested.TYPE.getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.REVISION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(MessageHeaders.MESSAGE_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sleeps until {@code due} (System.nanoTime()) without spinning a core the service needs. */
    private static void pace(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * GET /api/counts for 50 ids with wrk (a C client, one connection, closed loop: the latency is the service's,
     * not a JVM client's), first with an idle consumer, then while 500 downloads/s are projected: the gateway's
     * page call at steady load. Each pass after a 10 s warm-up pass that is not reported.
     */
    private static void countsWithWrk(int port, List<String> documents, String brokers, JsonMapper json) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() != 0) {
            System.out.println("RESULT counts with wrk: skipped, wrk is not installed (run.sh installs it)");
            return;
        }
        String uri = countsUri(port, documents).toString();
        wrk(uri, 10);
        System.out.printf("RESULT GET /api/counts with 50 ids, wrk -c1 20 s, idle consumer: %s%n", wrk(uri, 20));
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        Thread load = new Thread(() -> {
            try (KafkaProducer<String, byte[]> producer = liveProducer(brokers)) {
                Random random = new Random(11);
                long start = System.nanoTime();
                for (long i = 0; sending.get(); i++) {
                    pace(start + i * 1_000_000_000L / 500);
                    String document = documents.get(random.nextInt(documents.size()));
                    DownloadRequested event = new DownloadRequested(UUID.randomUUID().toString(), document, null,
                            Instant.now(), "GET", 200, null, null, 1000, BROWSERS.get(random.nextInt(BROWSERS.size())),
                            "v-" + random.nextInt(1_000_000), "bench");
                    ProducerRecord<String, byte[]> record = wire(json, event);
                    producer.send(record);
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        load.start();
        try {
            wrk(uri, 10);
            System.out.printf("RESULT GET /api/counts with 50 ids, wrk -c1 20 s, consumer projecting 500 downloads/s: %s%n",
                    wrk(uri, 20));
        } finally {
            sending.set(false);
            load.join();
        }
        System.out.printf("(%d downloads sent during the loaded passes)%n", sent.get());
    }

    /** One wrk pass; its latency distribution and rate as one line. */
    private static String wrk(String uri, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c1", "-d" + seconds + "s", "--latency", uri)
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Map<String, String> at = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].endsWith("%")) {
                at.put(f[0], f[1]);
            } else if (f.length == 2 && f[0].equals("Requests/sec:")) {
                at.put("req/s", f[1]);
            }
        }
        return "p50 %s, p90 %s, p99 %s (%s req/s)".formatted(at.get("50%"), at.get("90%"), at.get("99%"), at.get("req/s"));
    }

    /**
     * What reading the in-memory counts cost during the visibility and counts phases (from the service's metrics):
     * whole reads (start, import, a switch, ten minutes after the last whole read) and reads of the changed documents.
     */
    private static void snapshotLoads(int port, int catalog) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        for (String read : List.of("all", "changes")) {
            Map<String, Double> values = new java.util.TreeMap<>();
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("stats_counts_snapshot_load_seconds") && line.contains("read=\"" + read + "\"")) {
                    // e.g. stats_counts_snapshot_load_seconds{quantile="0.5",read="changes"} 0.012 -> "p50"
                    String name = line.substring(0, line.lastIndexOf(' '));
                    String metric = name.substring(0, name.indexOf('{'));
                    String key = name.contains("quantile=\"0.5\"") ? "p50" : name.contains("quantile=\"0.99\"") ? "p99"
                            : metric.endsWith("_count") ? "count" : metric.endsWith("_sum") ? "sum" : metric;
                    values.put(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            double count = values.getOrDefault("count", 0.0);
            double sum = values.getOrDefault("sum", 0.0);
            System.out.printf("RESULT snapshot reads (%s; %d baseline documents + the counted ones): %.0f, mean %.1f ms,"
                    + " p50 %.1f ms, p99 %.1f ms%n", read, catalog, count, count == 0 ? 0 : sum / count * 1000,
                    values.getOrDefault("p50", Double.NaN) * 1000, values.getOrDefault("p99", Double.NaN) * 1000);
        }
    }

    private static URI countsUri(int port, List<String> documents) {
        return URI.create("http://localhost:" + port + "/api/counts?ids=" + String.join(",", documents.subList(0, 50)));
    }

    /** GET /api/counts for 50 ids, as the gateway asks for a page. */
    private static void latency(int port, List<String> documents) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = countsUri(port, documents);
        int n = 2000;
        long[] nanos = new long[n];
        // warm-up: until 2026-11-28 200 calls, which left the JIT compiling during the measured calls
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_COUNTS_WARMUP", "2000"));
        for (int i = 0; i < warmUp; i++) {
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        }
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("counts answered " + r.statusCode());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("RESULT GET /api/counts with 50 ids, %d sequential calls after %d warm-up calls, idle consumer: "
                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", n, warmUp, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
                nanos[n - 1] / 1e6);
    }

    /** The statements that took the database's time since the last call (BENCH_PROFILE=1). */
    private static void statements(EmbeddedPostgres postgres, String phase) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "stats").getConnection(); Statement s = c.createStatement()) {
            System.out.println("PROFILE " + phase + ": statements by total execution time (ms total, calls, ms/call, rows)");
            try (ResultSet rs = s.executeQuery("""
                    select total_exec_time, calls, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'stats')
                    order by total_exec_time desc limit 15
                    """)) {
                while (rs.next()) {
                    String query = rs.getString(5);
                    System.out.printf("  %9.0f %7d %8.2f %9d  %s%n", rs.getDouble(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4),
                            query.length() > 150 ? query.substring(0, 150) + "..." : query);
                }
            }
            s.execute("select pg_stat_statements_reset()");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
