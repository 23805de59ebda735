package nl.publicaties.catalog.publishing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.publicaties.catalog.config.AxonConfig;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentFileReplaced;
import nl.publicaties.catalog.edition.event.DocumentRestored;
import nl.publicaties.catalog.edition.event.DocumentRetitled;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.DocumentsReordered;
import nl.publicaties.catalog.edition.event.EditionArchived;
import nl.publicaties.catalog.edition.event.EditionCreated;
import nl.publicaties.catalog.edition.event.EditionPublished;
import nl.publicaties.catalog.series.event.SeriesRegistered;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards stored catalog events to {@code catalog.events}. It runs as a streaming processor over the event
 * store, so an event is published only after it was stored; the send is synchronous and errors propagate
 * (see {@link AxonConfig}), so the processor's token moves past an event only once Kafka acknowledged it.
 * After a crash between acknowledgement and token update the event is sent again with the same
 * {@code message-id}: consumers deduplicate on it.
 */
@Component
@ProcessingGroup(AxonConfig.KAFKA_PUBLISHER)
public class CatalogEventPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 15;

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;

    public CatalogEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @EventHandler
    void on(SeriesRegistered event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(EditionCreated event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentAdded event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(EditionPublished event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentWithdrawn event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentFileReplaced event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentRestored event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentRetitled event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(DocumentsReordered event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    @EventHandler
    void on(EditionArchived event, EventMessage<?> message) throws Exception {
        send(IntegrationEvents.of(event), message);
    }

    private void send(IntegrationEvents.Outgoing outgoing, EventMessage<?> message)
            throws InterruptedException, ExecutionException, TimeoutException {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CATALOG_EVENTS, outgoing.key(),
                json.writeValueAsString(outgoing.payload()));
        record.headers()
                .add(MessageHeaders.TYPE, outgoing.type().getBytes(StandardCharsets.UTF_8))
                .add(MessageHeaders.REVISION, Integer.toString(outgoing.revision()).getBytes(StandardCharsets.UTF_8))
                .add(MessageHeaders.MESSAGE_ID, message.getIdentifier().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
