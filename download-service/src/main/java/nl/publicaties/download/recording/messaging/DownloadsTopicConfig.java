package nl.publicaties.download.recording.messaging;

import nl.publicaties.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** This service is the single writer of {@code downloads.requested}: it declares the topic and its producer. */
@Configuration(proxyBeanMethods = false)
class DownloadsTopicConfig {

    /**
     * Spring waits up to 30 s for the producer to close; with the broker away that is 30 s of a stuck
     * shutdown for records that stay in the spool anyway and are forwarded after the restart.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer shortProducerClose() {
        return factory -> factory.setPhysicalCloseTimeout(5);
    }

    /** Kept forever: the stats service rebuilds its counts by replaying it. */
    @Bean
    NewTopic downloadsRequestedTopic(@Value("${download.kafka.topic-partitions}") int partitions,
            @Value("${download.kafka.replication-factor}") short replicationFactor) {
        return TopicBuilder.name(Topics.DOWNLOADS_REQUESTED)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
