package nl.publicaties.stats.catalog.messaging;

import java.nio.charset.StandardCharsets;
import nl.publicaties.contracts.MessageHeaders;
import nl.publicaties.contracts.Topics;
import nl.publicaties.contracts.catalog.CatalogEvents;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentRetitled;
import nl.publicaties.contracts.catalog.EditionCreated;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.contracts.catalog.SeriesRegistered;
import nl.publicaties.stats.catalog.storage.CatalogCopy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads catalog.events (read-only, own consumer group) into {@link CatalogCopy}. The catalog owns that
 * topic and its dead letters: a record this service cannot read is logged and skipped, since it only costs a
 * label on a figure, never a count.
 */
@Component
public class CatalogEventsListener {

    private static final LogAccessor LOG = new LogAccessor(CatalogEventsListener.class);

    private final CatalogCopy copy;
    private final JsonMapper json;

    public CatalogEventsListener(CatalogCopy copy, JsonMapper json) {
        this.copy = copy;
        this.json = json;
    }

    @KafkaListener(
            id = "catalog-copy",
            groupId = "stats-catalog-copy",
            topics = Topics.CATALOG_EVENTS,
            batch = "false",
            properties = "spring.deserializer.value.delegate.class=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    public void onCatalogEvent(ConsumerRecord<String, byte[]> record) {
        Header typeHeader = record.headers().lastHeader(MessageHeaders.TYPE);
        String type = typeHeader == null ? null : new String(typeHeader.value(), StandardCharsets.UTF_8);
        Class<? extends Record> recordClass = type == null ? null : CatalogEvents.BY_TYPE.get(type);
        if (recordClass == null || record.value() == null) {
            LOG.warn(() -> "Skipped catalog record " + record.partition() + "@" + record.offset() + " of type " + type);
            return;
        }
        Object event;
        try {
            event = json.readValue(record.value(), recordClass);
        } catch (RuntimeException e) {
            LOG.warn(e, () -> "Skipped unreadable catalog record " + record.partition() + "@" + record.offset());
            return;
        }
        try {
            copy(event);
        } catch (IllegalArgumentException | NullPointerException | DataIntegrityViolationException e) {
            // an event without the ids the copy needs, or with text the database refuses (a NUL in a title, kept
            // on catalog.events for good), can never be copied: retrying it (the error handler retries without end)
            // would stop the copy of every later event on its partition. The database being away is another
            // matter: that error goes up and is retried.
            LOG.error(e, () -> "Skipped catalog record " + record.partition() + "@" + record.offset() + " of type "
                    + type + " that cannot be copied");
        }
    }

    private void copy(Object event) {
        // withdrawals change no figure: downloads before it happened still count
        if (event instanceof SeriesRegistered e) {
            copy.on(e);
        } else if (event instanceof EditionCreated e) {
            copy.on(e);
        } else if (event instanceof EditionPublished e) {
            copy.on(e);
        } else if (event instanceof DocumentAdded e) {
            copy.on(e);
        } else if (event instanceof DocumentRetitled e) {
            copy.on(e);
        }
    }
}
