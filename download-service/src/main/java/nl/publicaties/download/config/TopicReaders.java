package nl.publicaties.download.config;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * How this service reads a topic: every instance reads all of it itself (partitions assigned, no consumer
 * group, no committed offsets), keys as strings and values as the bytes on the wire, and never creates a topic
 * by asking for its metadata (each topic is declared by its one writer, with its own settings).
 */
@Component
public class TopicReaders {

    private final ConsumerFactory<?, ?> consumers;

    public TopicReaders(ConsumerFactory<?, ?> consumers) {
        this.consumers = consumers;
    }

    @SuppressWarnings("unchecked")
    public Consumer<String, byte[]> create(String clientIdPrefix) {
        Properties overrides = new Properties();
        overrides.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return (Consumer<String, byte[]>) consumers.createConsumer(null, clientIdPrefix, null, overrides);
    }

    /** The last value of a header as UTF-8 text; null when the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
