package nl.publicaties.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where things live and which ports they use. Every value comes from the environment with a default that
 * runs on a fresh clone; an external Kafka or PostgreSQL replaces the embedded one when the environment
 * names it.
 *
 * @param kafkaBootstrapServers external broker, or null to start the embedded one on {@code kafkaPort}
 * @param catalogDbUrl          external JDBC URL, or null to use the embedded PostgreSQL
 * @param statsDbUrl            external JDBC URL, or null to use the embedded PostgreSQL
 */
public record LaunchSettings(
        Path root,
        Path dataDir,
        int gatewayPort,
        int catalogPort,
        int downloadPort,
        int statsPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        String kafkaBootstrapServers,
        String catalogDbUrl,
        String statsDbUrl,
        String dbUser,
        String dbPassword,
        String serviceHeap) {

    public static final String SERIES_SLUG = "monitor-integriteit-en-veiligheid";

    public static LaunchSettings from(Map<String, String> env, Path root) {
        Path data = Path.of(env.getOrDefault("PUBLICATIES_DATA_DIR", root.resolve("data").toString()));
        return new LaunchSettings(
                root.toAbsolutePath().normalize(),
                data.toAbsolutePath().normalize(),
                port(env, "GATEWAY_PORT", 8080),
                port(env, "CATALOG_PORT", 8081),
                port(env, "DOWNLOAD_PORT", 8082),
                port(env, "STATS_PORT", 8083),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "POSTGRES_PORT", 5433),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("CATALOG_DB_URL")),
                blankToNull(env.get("STATS_DB_URL")),
                env.getOrDefault("DB_USER", "publicaties"),
                env.getOrDefault("DB_PASSWORD", "publicaties"),
                env.getOrDefault("SERVICE_HEAP", "256m"));
    }

    public boolean embeddedKafka() {
        return kafkaBootstrapServers == null;
    }

    public boolean embeddedPostgres() {
        return catalogDbUrl == null || statsDbUrl == null;
    }

    public String bootstrapServers() {
        return embeddedKafka() ? "localhost:" + kafkaPort : kafkaBootstrapServers;
    }

    public String catalogJdbcUrl() {
        return catalogDbUrl != null ? catalogDbUrl : "jdbc:postgresql://localhost:" + postgresPort + "/catalog";
    }

    public String statsJdbcUrl() {
        return statsDbUrl != null ? statsDbUrl : "jdbc:postgresql://localhost:" + postgresPort + "/stats";
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String pageUrl() {
        return gatewayUrl() + "/" + SERIES_SLUG;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
