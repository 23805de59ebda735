package nl.publicaties.catalog.audit.query;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One stored event: when, by whom ({@code actor} metadata; "unknown" for events stored before actors were
 * recorded), its name and revision, and what changed (the event's fields).
 */
public record HistoryEntry(
        long sequence,
        Instant time,
        String actor,
        String event,
        String revision,
        String eventId,
        JsonNode changes) {
}
