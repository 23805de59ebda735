package nl.publicaties.download.recording.messaging;

import java.time.Clock;
import java.time.Duration;

import nl.publicaties.download.config.TopicReaders;
import nl.publicaties.download.recording.VisitorKeys;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/** The topic through which instances agree on the day's visitor secret, and the thread that does it. */
@Configuration(proxyBeanMethods = false)
class VisitorSecretsConfig {

    /**
     * One partition, so that "the first proposal for a day" means the same record to every instance. Records are
     * deleted {@code retention} after the broker appended them (LogAppendTime: a producer's clock cannot stretch
     * that); segments roll hourly so that a day's records are not kept alive by the next day's.
     */
    @Bean
    NewTopic visitorSecretsTopic(@Value("${download.visitor-secrets.topic}") String name,
            @Value("${download.visitor-secrets.retention}") Duration retention,
            @Value("${download.visitor-secrets.prefetch}") Duration prefetch,
            @Value("${download.kafka.replication-factor}") short replicationFactor) {
        checkRetention(retention, prefetch);
        return TopicBuilder.name(name)
                .partitions(1)
                .replicas(replicationFactor)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")
                .build();
    }

    /**
     * A day's secret is proposed {@code prefetch} before the day starts and must still be there at its end, for an
     * instance that starts late that day; and it must be gone well within two days (the broker deletes a record up
     * to an hour after its retention, with hourly segments). So {@code 24 h + prefetch < retention <= 47 h}.
     * Settings of an existing topic are brought in line at start ({@code spring.kafka.admin.modify-topic-configs}).
     */
    static void checkRetention(Duration retention, Duration prefetch) {
        Duration least = Duration.ofDays(1).plus(prefetch).plusMinutes(10);
        if (retention.compareTo(least) < 0 || retention.compareTo(Duration.ofHours(47)) > 0) {
            throw new IllegalStateException("download.visitor-secrets.retention is " + retention + ": it must be at "
                    + "least a day plus the prefetch plus 10 minutes (" + least + "), so that a day's secret is "
                    + "there all day, and at most 47 hours, so that no secret is kept beyond two days");
        }
    }

    @Bean
    VisitorSecretExchange visitorSecretExchange(NewTopic visitorSecretsTopic, KafkaAdmin admin,
            TopicReaders readers, ProducerFactory<String, byte[]> producers, VisitorKeys keys,
            Clock clock, @Value("${download.visitor-secrets.prefetch}") Duration prefetch,
            @Value("${download.visitor-secrets.retry}") Duration retry) {
        return new VisitorSecretExchange(visitorSecretsTopic, admin, readers, producers, keys, clock, prefetch,
                retry);
    }
}
