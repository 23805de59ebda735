package nl.publicaties.catalog.audit.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.publicaties.catalog.admin.web.EditorCommands;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail of a series or an edition: its full event stream (never a snapshot), oldest first. */
@Service
public class History {

    private final EventStore eventStore;
    private final JsonMapper json;

    public History(EventStore eventStore, JsonMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    /** Empty when there is no aggregate of that type with that id. */
    public Optional<List<HistoryEntry>> of(String aggregateType, String aggregateId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId, 0).asStream().toList();
        if (events.isEmpty() || !aggregateType.equals(events.get(0).getType())) {
            return Optional.empty();
        }
        return Optional.of(events.stream().map(this::entry).toList());
    }

    /** The events of an edition that concern one document (those that carry its {@code documentId}). */
    public Optional<List<HistoryEntry>> ofDocument(String editionType, String editionId, String documentId) {
        return of(editionType, editionId).map(entries -> entries.stream()
                .filter(e -> Objects.equals(text(e.changes(), "documentId"), documentId)
                        || listed(e.changes(), documentId))
                .toList())
                .filter(entries -> !entries.isEmpty());
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        Object actor = event.getMetaData().get(EditorCommands.ACTOR);
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        return new HistoryEntry(event.getSequenceNumber(), event.getTimestamp(),
                actor == null ? "unknown" : actor.toString(), event.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(), event.getIdentifier(),
                json.valueToTree(event.getPayload()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** A reorder names every document it moved. */
    private static boolean listed(JsonNode node, String documentId) {
        JsonNode ids = node.get("documentIds");
        if (ids == null || !ids.isArray()) {
            return false;
        }
        for (JsonNode id : ids) {
            if (documentId.equals(id.asString())) {
                return true;
            }
        }
        return false;
    }
}
