package nl.publicaties.stats.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import nl.publicaties.contracts.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real PostgreSQL and one real KRaft Kafka broker per test JVM, started on first use and stopped when
 * the JVM ends: starting them per class would cost more than the tests.
 */
public final class EmbeddedServers {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private EmbeddedServers() {
    }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending; nothing left to clean up for
                }
            }));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static synchronized String kafkaBrokers() {
        if (kafka == null) {
            // the writers (download-service, catalog-service) declare these topics; here the test stands in for them
            kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.DOWNLOADS_REQUESTED, Topics.CATALOG_EVENTS);
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        }
        return kafka.getBrokersAsString();
    }
}
