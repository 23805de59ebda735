package nl.publicaties.stats.counting.config;

import nl.publicaties.contracts.Topics;
import nl.publicaties.stats.counting.CountingPolicies;
import nl.publicaties.stats.counting.messaging.DeadLetters;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class CountingConfig {

    /** The dead-letter topic's name is spring-kafka's default for the source topic. */
    public static final String DOWNLOADS_DEAD_LETTERS = Topics.DOWNLOADS_REQUESTED + "-dlt";

    @Bean
    CountingPolicies countingPolicies() {
        return new CountingPolicies();
    }

    /** Same partition count as the source: the dead letter keeps the partition of the failed record. */
    @Bean
    NewTopic downloadsDeadLetterTopic(
            @Value("${stats.topics.partitions}") int partitions,
            @Value("${stats.topics.replication-factor}") short replicationFactor) {
        return TopicBuilder.name(DOWNLOADS_DEAD_LETTERS)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config("retention.ms", "-1")
                .build();
    }

    /**
     * Unreadable records (DeserializationException, not retryable) go straight to the dead letters. Any
     * other failure, e.g. the database being away, is retried without limit: dead-lettering a good event
     * would lose a download.
     */
    @Bean
    DefaultErrorHandler countingErrorHandler(DeadLetters deadLetters) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        // a dead-lettered record ends its batch with a "seek" exception; that is handled, not an error
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }
}
