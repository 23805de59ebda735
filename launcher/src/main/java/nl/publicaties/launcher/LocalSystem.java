package nl.publicaties.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.publicaties.launcher.config.AnalystToken;
import nl.publicaties.launcher.kafka.KafkaBroker;
import nl.publicaties.launcher.postgres.EmbeddedDatabase;
import nl.publicaties.launcher.process.ServiceProcess;

/**
 * The whole system on one machine: infrastructure in this JVM (unless external servers are configured),
 * each service as its own JVM. Ready when the series page answers through the gateway. Closing stops
 * everything it started, services first so they can flush to Kafka and the database.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern DOCUMENT_LINK = Pattern.compile("href=\"(/documents/[^\"]+)\"");

    private final LaunchSettings settings;
    private final Consumer<String> say;
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker kafka;
    private EmbeddedDatabase postgres;

    private LocalSystem(LaunchSettings settings, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
    }

    public static LocalSystem start(LaunchSettings settings, Consumer<String> say) throws Exception {
        LocalSystem system = new LocalSystem(settings, say);
        try {
            system.startAll();
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Instant begin = Instant.now();
        checkPortsFree();
        if (settings.embeddedKafka()) {
            kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
            say.accept(String.format("Kafka (KRaft) on localhost:%d after %s", settings.kafkaPort(), since(begin)));
        }
        if (settings.embeddedPostgres()) {
            postgres = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"), settings.postgresPort(),
                    settings.dbUser(), settings.dbPassword(), List.of("catalog", "stats"));
            say.accept(String.format("PostgreSQL on localhost:%d after %s", settings.postgresPort(), since(begin)));
        }
        Instant servicesStarted = Instant.now();
        for (var entry : serviceEnvironments().entrySet()) {
            String name = entry.getKey();
            services.add(ServiceProcess.start(name, jar(name), settings.serviceHeap(), entry.getValue(),
                    settings.root(), settings.logDir(), healthUrl(name)));
        }
        for (ServiceProcess service : services) {
            Duration ready = service.awaitReady(servicesStarted, SERVICE_TIMEOUT);
            say.accept(String.format("%-17s ready after %s (pid %d, log %s)", service.name(), format(ready), service.pid(),
                    displayed(service.log())));
        }
        awaitPage(servicesStarted);
        say.accept(String.format("Series page answers after %s in all", since(begin)));
    }

    /**
     * The seed import and the projections run asynchronously: ready means the page is really there and its
     * first document link answers (a HEAD through the gateway, which the download service does not count).
     * On a fresh data directory the download service learns the documents from {@code catalog.events} a
     * moment after the catalog has published them; announcing the URL before that would hand out 404s.
     */
    private void awaitPage(Instant started) throws InterruptedException {
        URI page = URI.create(settings.pageUrl());
        Instant deadline = started.plus(SERVICE_TIMEOUT);
        while (!pageAndFirstDocumentAnswer(page)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(page + " or its first document did not answer 200 within "
                        + SERVICE_TIMEOUT.toSeconds() + " s; see " + settings.logDir());
            }
            Thread.sleep(250);
        }
    }

    private boolean pageAndFirstDocumentAnswer(URI page) {
        Optional<String> html = ServiceProcess.bodyIfOk(page);
        if (html.isEmpty()) {
            return false;
        }
        Matcher link = DOCUMENT_LINK.matcher(html.get());
        return link.find() && ServiceProcess.answersHeadOk(URI.create(settings.gatewayUrl() + link.group(1)));
    }

    private Map<String, Map<String, String>> serviceEnvironments() {
        String kafkaServers = settings.bootstrapServers();
        String blobs = settings.dataDir().resolve("blobs").toString();
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        envs.put("catalog-service", Map.of(
                "CATALOG_PORT", String.valueOf(settings.catalogPort()),
                "CATALOG_DB_URL", settings.catalogJdbcUrl(),
                "CATALOG_DB_USER", settings.dbUser(),
                "CATALOG_DB_PASSWORD", settings.dbPassword(),
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                "BLOB_DIR", blobs,
                "CATALOG_EDITOR_TOKEN_FILE", settings.dataDir().resolve("editor-token").toString()));
        envs.put("stats-service", Map.of(
                "STATS_PORT", String.valueOf(settings.statsPort()),
                "STATS_DB_URL", settings.statsJdbcUrl(),
                "STATS_DB_USER", settings.dbUser(),
                "STATS_DB_PASSWORD", settings.dbPassword(),
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                "STATS_ANALYST_TOKEN_SHA256", AnalystToken.sha256Of(settings.dataDir().resolve("analyst-token"))));
        envs.put("download-service", Map.of(
                "DOWNLOAD_PORT", String.valueOf(settings.downloadPort()),
                "DOWNLOAD_INSTANCE_ID", "download-1",
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                "BLOB_DIR", blobs,
                "DOWNLOAD_SPOOL_DIR", settings.dataDir().resolve("spool/download-1").toString()));
        envs.put("gateway", Map.of(
                "MICRONAUT_SERVER_PORT", String.valueOf(settings.gatewayPort()),
                "CATALOG_URL", "http://localhost:" + settings.catalogPort(),
                "DOWNLOAD_URL", "http://localhost:" + settings.downloadPort(),
                "STATS_URL", "http://localhost:" + settings.statsPort()));
        return envs;
    }

    private URI healthUrl(String service) {
        return URI.create(switch (service) {
            case "catalog-service" -> "http://localhost:" + settings.catalogPort() + "/actuator/health";
            case "stats-service" -> "http://localhost:" + settings.statsPort() + "/actuator/health";
            case "download-service" -> "http://localhost:" + settings.downloadPort() + "/actuator/health";
            case "gateway" -> "http://localhost:" + settings.gatewayPort() + "/health";
            default -> throw new IllegalArgumentException(service);
        });
    }

    private Path jar(String module) {
        return settings.root().resolve(module).resolve("target").resolve(module + ".jar");
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("GATEWAY_PORT", settings.gatewayPort());
        ports.put("CATALOG_PORT", settings.catalogPort());
        ports.put("DOWNLOAD_PORT", settings.downloadPort());
        ports.put("STATS_PORT", settings.statsPort());
        if (settings.embeddedKafka()) {
            ports.put("KAFKA_PORT", settings.kafkaPort());
            ports.put("KAFKA_CONTROLLER_PORT", settings.kafkaControllerPort());
        }
        if (settings.embeddedPostgres()) {
            ports.put("POSTGRES_PORT", settings.postgresPort());
        }
        for (var port : ports.entrySet()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.getValue()));
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port.getValue() + " is in use (is Publicaties already running?). "
                        + "Stop that process or choose another port with " + port.getKey() + "=...");
            }
        }
    }

    @Override
    public void close() throws Exception {
        // All services get SIGTERM at once; then each is waited for (or killed).
        services.forEach(ServiceProcess::beginStop);
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private String displayed(Path file) {
        return file.startsWith(settings.root()) ? settings.root().relativize(file).toString() : file.toString();
    }

    private static String since(Instant start) {
        return format(Duration.between(start, Instant.now()));
    }

    private static String format(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
