package nl.publicaties.stats.counting.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends records that cannot be counted to {@code downloads.requested-dlt} (same partition, original bytes
 * and headers, plus the exception headers) and counts them. Only unreadable records come here: their value
 * is the original byte array, so the template serializes bytes. Its own producer, because a second
 * {@code KafkaTemplate} bean would make Boot's back off.
 */
@Component
public class DeadLetters implements ConsumerRecordRecoverer, DisposableBean {

    private static final Log LOG = LogFactory.getLog(DeadLetters.class);

    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final DeadLetterPublishingRecoverer publisher;
    private final Counter deadLettered;

    public DeadLetters(KafkaProperties kafka, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producerFactory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.publisher = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory));
        this.deadLettered = Counter.builder("stats.download.events.dead.lettered")
                .description("Unreadable download events sent to the dead-letter topic")
                .register(registry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        publisher.accept(record, exception);
        deadLettered.increment();
        LOG.warn("Dead-lettered " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " (key " + record.key() + "): " + rootMessage(exception));
    }

    /** The deserializer's own words, plus the parser's detail when there is one. */
    private static String rootMessage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationException) {
                return cause.getCause() == null
                        ? cause.getMessage()
                        : cause.getMessage() + " (" + cause.getCause().getMessage() + ")";
            }
        }
        return exception.getMessage();
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
