package nl.publicaties.catalog.publishing.messaging;

import nl.publicaties.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
public class CatalogTopicConfig {

    /** Kept forever: other services rebuild their views of the catalog by replaying this topic. */
    @Bean
    NewTopic catalogEventsTopic(@Value("${catalog.topic.partitions}") int partitions,
                                @Value("${catalog.topic.replication-factor}") short replicationFactor) {
        return TopicBuilder.name(Topics.CATALOG_EVENTS)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
    }
}
