package nl.publicaties.stats.counting.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.CountingPolicy;
import nl.publicaties.stats.counting.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies download events to the counters of the live policy. Exactness rests on one transaction per call:
 * the event ids are inserted into {@code processed_event} (a conflict means "seen before") and only the
 * events that were new move the counters. The Kafka offset is committed after this returns, so a crash in
 * between redelivers events whose ids are already stored: they change nothing.
 */
@Repository
public class CountingLedger {

    private final JdbcTemplate jdbc;
    private final CountingPolicy policy;

    public CountingLedger(JdbcTemplate jdbc, CountingPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    @Transactional
    public Applied apply(List<DownloadRequested> events) {
        if (events.isEmpty()) {
            return Applied.NOTHING;
        }
        Map<String, DownloadRequested> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.eventId(), event));

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        unique.forEach((id, event) -> outcomes.put(id, policy.evaluate(event)));

        ensureSeries();
        Set<String> fresh = insertUnseen(unique, outcomes);

        Map<UUID, DocumentDelta> perDocument = new TreeMap<>();
        Map<ExclusionKey, Long> perExclusion = new TreeMap<>();
        List<Instant> freshOccurredAt = new ArrayList<>(fresh.size());
        int counted = 0;
        for (DownloadRequested event : unique.values()) {
            if (!fresh.contains(event.eventId())) {
                continue;
            }
            Outcome outcome = outcomes.get(event.eventId());
            UUID documentId = UUID.fromString(event.documentId());
            perDocument.computeIfAbsent(documentId, id -> new DocumentDelta()).add(event.occurredAt(), outcome);
            if (outcome.counted()) {
                counted++;
            } else {
                perExclusion.merge(new ExclusionKey(documentId, outcome.code()), 1L, Long::sum);
            }
            freshOccurredAt.add(event.occurredAt());
        }
        if (fresh.isEmpty()) {
            return new Applied(0, 0, events.size(), List.of());
        }

        updateDocuments(perDocument);
        updateExclusions(perExclusion);
        updateSeries(counted, fresh.size() - counted, freshOccurredAt);
        return new Applied(counted, fresh.size() - counted, events.size() - fresh.size(), freshOccurredAt);
    }

    private void ensureSeries() {
        jdbc.update("""
                insert into counting_series (policy_version, live) values (?, true)
                on conflict (policy_version) do nothing
                """, policy.version());
    }

    private Set<String> insertUnseen(Map<String, DownloadRequested> unique, Map<String, Outcome> outcomes) {
        int n = unique.size();
        String[] ids = new String[n];
        String[] documents = new String[n];
        String[] occurred = new String[n];
        String[] codes = new String[n];
        int i = 0;
        for (DownloadRequested event : unique.values()) {
            ids[i] = event.eventId();
            documents[i] = event.documentId();
            occurred[i] = event.occurredAt().toString();
            codes[i] = outcomes.get(event.eventId()).code();
            i++;
        }
        // one round trip per batch; RETURNING names exactly the ids this transaction saw first
        List<String> inserted = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into processed_event (event_id, document_id, occurred_at, policy_version, outcome)
                    select e.event_id, e.document_id::uuid, e.occurred_at::timestamptz, ?, e.outcome
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                         as e(event_id, document_id, occurred_at, outcome)
                    on conflict (event_id) do nothing
                    returning event_id
                    """);
            statement.setString(1, policy.version());
            statement.setArray(2, textArray(connection, ids));
            statement.setArray(3, textArray(connection, documents));
            statement.setArray(4, textArray(connection, occurred));
            statement.setArray(5, textArray(connection, codes));
            return statement;
        }, (rs, row) -> rs.getString(1));
        return new HashSet<>(inserted);
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private void updateDocuments(Map<UUID, DocumentDelta> perDocument) {
        List<Object[]> rows = new ArrayList<>(perDocument.size());
        perDocument.forEach((documentId, delta) -> rows.add(new Object[] {
                policy.version(), documentId, delta.counted, delta.excluded, utc(delta.first), utc(delta.last)}));
        jdbc.batchUpdate("""
                insert into document_count (policy_version, document_id, counted_events, excluded_events,
                                            first_occurred_at, last_occurred_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (policy_version, document_id) do update set
                    counted_events = document_count.counted_events + excluded.counted_events,
                    excluded_events = document_count.excluded_events + excluded.excluded_events,
                    first_occurred_at = least(document_count.first_occurred_at, excluded.first_occurred_at),
                    last_occurred_at = greatest(document_count.last_occurred_at, excluded.last_occurred_at)
                """, rows);
    }

    private void updateExclusions(Map<ExclusionKey, Long> perExclusion) {
        if (perExclusion.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(perExclusion.size());
        perExclusion.forEach((key, events) -> rows.add(new Object[] {
                policy.version(), key.documentId(), key.reason(), events}));
        jdbc.batchUpdate("""
                insert into document_exclusion (policy_version, document_id, reason, events)
                values (?, ?, ?, ?)
                on conflict (policy_version, document_id, reason) do update set
                    events = document_exclusion.events + excluded.events
                """, rows);
    }

    private void updateSeries(int counted, int excluded, List<Instant> occurredAt) {
        Instant newest = occurredAt.stream().max(Instant::compareTo).orElseThrow();
        jdbc.update("""
                update counting_series set
                    counted_events = counted_events + ?,
                    excluded_events = excluded_events + ?,
                    as_of = greatest(as_of, ?)
                where policy_version = ?
                """, counted, excluded, utc(newest), policy.version());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What one call changed; {@code duplicates} were seen before (or twice in the same batch). */
    public record Applied(int counted, int excluded, int duplicates, List<Instant> freshOccurredAt) {

        static final Applied NOTHING = new Applied(0, 0, 0, List.of());
    }

    private record ExclusionKey(UUID documentId, String reason) implements Comparable<ExclusionKey> {

        @Override
        public int compareTo(ExclusionKey other) {
            int byDocument = documentId.compareTo(other.documentId);
            return byDocument != 0 ? byDocument : reason.compareTo(other.reason);
        }
    }

    private static final class DocumentDelta {

        long counted;
        long excluded;
        Instant first;
        Instant last;

        void add(Instant occurredAt, Outcome outcome) {
            if (outcome.counted()) {
                counted++;
            } else {
                excluded++;
            }
            first = first == null || occurredAt.isBefore(first) ? occurredAt : first;
            last = last == null || occurredAt.isAfter(last) ? occurredAt : last;
        }
    }
}
