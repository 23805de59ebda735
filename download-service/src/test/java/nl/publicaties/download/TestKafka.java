package nl.publicaties.download;

import nl.publicaties.contracts.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker per test JVM, started on first use and shared by every integration test class
 * (a broker per class costs seconds each). {@code catalog.events} is created as the catalog declares it.
 */
public final class TestKafka {

    private static final EmbeddedKafkaKraftBroker BROKER = start();

    private TestKafka() {
    }

    public static String bootstrapServers() {
        return BROKER.getBrokersAsString();
    }

    private static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.CATALOG_EVENTS);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
        return broker;
    }
}
