package nl.publicaties.catalog.config;

import nl.publicaties.catalog.admin.web.EditorCommands;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** Processing groups whose handlers must never skip an event: a failure stops them until it succeeds. */
    public static final String KAFKA_PUBLISHER = "kafka-publisher";
    public static final String SERIES_PAGE = "series-page";

    /**
     * Tracking tokens are stored with their type; without this validator Jackson 3 refuses to read them
     * back and a streaming processor that restarts on a non-empty store (or is reset) hangs.
     */
    @Bean
    Jackson3SerializerCustomizer axonPolymorphicTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("nl.publicaties.")
                .build());
    }

    /**
     * Axon's default listener error handler logs and moves on: the token would advance past an event that
     * never reached Kafka or the page. Propagating makes the processor retry that event instead.
     */
    @Bean
    ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KAFKA_PUBLISHER, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(SERIES_PAGE, c -> PropagatingErrorHandler.instance());
    }

    /** Copies the command's {@code actor} (who sent it) onto every event it causes: the audit trail reads it. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(EditorCommands.ACTOR);
    }

    /**
     * An edition gathers events with every replacement, retitle and reorder; past the threshold it is loaded
     * from a snapshot plus the events after it. The history and the as-of page still read the full stream.
     */
    @Bean
    SnapshotTriggerDefinition editionSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${catalog.snapshot.edition-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
