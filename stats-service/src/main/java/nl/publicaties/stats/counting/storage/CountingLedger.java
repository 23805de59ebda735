package nl.publicaties.stats.counting.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.CountingPolicies;
import nl.publicaties.stats.counting.CountingPolicy;
import nl.publicaties.stats.counting.FigureDeltas;
import nl.publicaties.stats.counting.ItemSessions;
import nl.publicaties.stats.counting.Outcome;
import nl.publicaties.stats.counting.Reconciliation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies download events to the figures of a series. Exactness rests on one transaction per call: the
 * event ids are inserted into the series' ledger ({@code processed_event}; a conflict means "seen before"),
 * only the events that were new are decided, the stored clicks around them are reconsidered (double-click
 * filter), and every counter moves by exactly the outcome changes. The Kafka offset is committed after this
 * returns, so a crash in between redelivers events whose ids are already stored: they change nothing.
 *
 * <p>Writers of the same documents in one series are serialized by transaction-scoped advisory locks: the
 * reconsideration reads the clicks around the new ones, which another writer (the live listener beside a
 * rebuild) must not be changing at the same time.
 */
@Repository
public class CountingLedger {

    /** Enough for every document of a large catalog; beyond it the rows are simply written again. */
    private static final int REMEMBERED_DOCUMENTS_LIMIT = 200_000;

    private final JdbcTemplate jdbc;
    private final CountingPolicies policies;
    /** Documents whose catalog_document row names an edition, as committed (see {@link #rememberEditions}). */
    private final Set<String> documentsWithEdition = ConcurrentHashMap.newKeySet();

    public CountingLedger(JdbcTemplate jdbc, CountingPolicies policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    /** Applies the events to every series being counted: the live one and any being rebuilt. */
    @Transactional
    public Applied apply(List<DownloadRequested> events) {
        if (events.isEmpty()) {
            return Applied.NOTHING;
        }
        record Active(String seriesId, String policyVersion, boolean live) {
        }
        List<Active> active = jdbc.query("""
                        select series_id, policy_version, live from counting_series
                        where state in ('live', 'building') order by series_id
                        """,
                (rs, row) -> new Active(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
        if (active.isEmpty()) {
            // never drop events silently: the error handler retries until a series exists
            throw new IllegalStateException("no series is being counted");
        }
        Map<String, DownloadRequested> unique = unique(events);
        Applied live = Applied.NOTHING;
        for (Active series : active) {
            Applied applied = count(series.seriesId(), policies.get(series.policyVersion()), events, unique);
            if (series.live()) {
                live = applied;
            }
        }
        rememberEditions(unique.values());
        return live;
    }

    /** Applies the events to one series (a rebuild's replay). */
    @Transactional
    public Applied applyTo(String seriesId, CountingPolicy policy, List<DownloadRequested> events) {
        if (events.isEmpty()) {
            return Applied.NOTHING;
        }
        Map<String, DownloadRequested> unique = unique(events);
        Applied applied = count(seriesId, policy, events, unique);
        rememberEditions(unique.values());
        return applied;
    }

    private static Map<String, DownloadRequested> unique(List<DownloadRequested> events) {
        Map<String, DownloadRequested> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.eventId(), event));
        return unique;
    }

    /**
     * Counts the events into one series. It writes only that series' rows, under its (series, document) locks;
     * the shared {@code catalog_document} rows are written by the callers once every series is done, so a
     * transaction never holds a shared row while it waits for another series' locks (the live listener beside a
     * rebuild would otherwise deadlock with it: each holding what the other waits for).
     */
    private Applied count(String seriesId, CountingPolicy policy, List<DownloadRequested> events,
            Map<String, DownloadRequested> unique) {
        lockDocuments(seriesId, unique.values());
        Map<String, Outcome> outcomes = new HashMap<>();
        unique.forEach((id, event) -> outcomes.put(id, policy.evaluate(event)));

        Set<String> freshIds = insertUnseen(seriesId, unique, outcomes);
        if (freshIds.isEmpty()) {
            return new Applied(0, 0, events.size(), List.of());
        }
        List<Reconciliation.Fresh> fresh = new ArrayList<>(freshIds.size());
        for (DownloadRequested event : unique.values()) {
            if (freshIds.contains(event.eventId())) {
                fresh.add(new Reconciliation.Fresh(event, outcomes.get(event.eventId())));
            }
        }
        // one probe per visitor and document reads the stored clicks of whole hour slices around the new clicks:
        // the double-click windows for the reconciliation, and the user-sessions for Unique_Item_Requests
        Duration doubleClickWindow = policy.doubleClickWindow().orElse(null);
        List<Reconciliation.Window> windows = Reconciliation.windows(fresh,
                doubleClickWindow == null ? Duration.ZERO : doubleClickWindow);
        List<Reconciliation.StoredClick> around = storedClicks(seriesId, windows);
        List<Reconciliation.StoredClick> stored = doubleClickWindow == null ? List.of() : within(windows, around);
        List<Reconciliation.Change> changes = Reconciliation.reconcile(policy, fresh, stored);

        storeOutcomes(seriesId, changes, outcomes);
        FigureDeltas deltas = FigureDeltas.of(changes);
        Map<FigureDeltas.DocumentDay, Long> uniqueDeltas = sessionMoves(deltas, around, freshIds);
        updateDays(seriesId, deltas, uniqueDeltas);
        updateDocuments(seriesId, deltas, uniqueDeltas);

        long countedDelta = deltas.outcomes.entrySet().stream()
                .filter(e -> e.getKey().outcome().equals(Outcome.COUNTED.code())).mapToLong(Map.Entry::getValue).sum();
        long rawDelta = fresh.size();
        long uniqueDelta = uniqueDeltas.values().stream().mapToLong(Long::longValue).sum();
        Instant newest = fresh.stream().map(f -> f.event().occurredAt()).max(Instant::compareTo).orElseThrow();
        jdbc.update("""
                update counting_series set
                    counted_events = counted_events + ?,
                    excluded_events = excluded_events + ?,
                    unique_requests = unique_requests + ?,
                    as_of = greatest(as_of, ?)
                where series_id = ?
                """, countedDelta, rawDelta - countedDelta, uniqueDelta, utc(newest), seriesId);

        long freshCounted = changes.stream().filter(c -> c.fresh() && c.after().equals(Outcome.COUNTED.code())).count();
        return new Applied(freshCounted, fresh.size() - freshCounted, events.size() - fresh.size(),
                fresh.stream().map(f -> f.event().occurredAt()).toList());
    }

    /**
     * Transaction-scoped advisory locks on (series, document), taken in one sorted order so that writers never
     * deadlock. Consumers of different partitions touch different documents and run in parallel; a rebuild and
     * the live listener writing the same document of the same series wait for each other.
     */
    private void lockDocuments(String seriesId, java.util.Collection<DownloadRequested> events) {
        String[] documents = events.stream().map(DownloadRequested::documentId).distinct().sorted().toArray(String[]::new);
        // OFFSET 0 keeps the sorted subquery from being flattened, so the locks are taken in its order
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    select pg_advisory_xact_lock(k.key) from (
                        select hashtextextended(? || '/' || d, 0) as key from unnest(?::text[]) as d
                        order by 1 offset 0) as k
                    """);
            statement.setString(1, seriesId);
            statement.setArray(2, textArray(connection, documents));
            return statement;
        }, rs -> {
        });
    }

    private Set<String> insertUnseen(String seriesId, Map<String, DownloadRequested> unique, Map<String, Outcome> outcomes) {
        int n = unique.size();
        String[] ids = new String[n];
        String[] documents = new String[n];
        String[] editions = new String[n];
        String[] occurred = new String[n];
        String[] codes = new String[n];
        String[] visitors = new String[n];
        String[] methods = new String[n];
        String[] statuses = new String[n];
        String[] rangeStarts = new String[n];
        String[] agents = new String[n];
        String[] candidates = new String[n];
        int i = 0;
        for (DownloadRequested event : unique.values()) {
            Outcome outcome = outcomes.get(event.eventId());
            ids[i] = event.eventId();
            documents[i] = event.documentId();
            editions[i] = uuidOrNull(event.editionId());
            occurred[i] = event.occurredAt().toString();
            codes[i] = outcome.code();
            visitors[i] = ItemSessions.visitorKey(event.visitorKey(), event.eventId());
            methods[i] = event.method();
            statuses[i] = Integer.toString(event.status());
            rangeStarts[i] = event.rangeStart() == null ? null : event.rangeStart().toString();
            agents[i] = event.userAgent();
            candidates[i] = Boolean.toString(outcome.counted());
            i++;
        }
        // one round trip per batch; RETURNING names exactly the ids this transaction saw first
        List<String> inserted = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into processed_event (series_id, event_id, document_id, edition_id, occurred_at, policy_version,
                                                 outcome, visitor_key, method, status, range_start, user_agent, candidate)
                    select ?, e.event_id, e.document_id::uuid, e.edition_id::uuid, e.occurred_at::timestamptz,
                           s.policy_version, e.outcome, e.visitor_key, e.method, e.status::integer,
                           e.range_start::bigint, e.user_agent, e.candidate::boolean
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[])
                         as e(event_id, document_id, edition_id, occurred_at, outcome, visitor_key, method, status,
                              range_start, user_agent, candidate)
                    cross join (select policy_version from counting_series where series_id = ?) s
                    on conflict (series_id, event_id) do nothing
                    returning event_id
                    """);
            statement.setString(1, seriesId);
            int p = 2;
            for (String[] column : new String[][] {ids, documents, editions, occurred, codes, visitors, methods, statuses,
                    rangeStarts, agents, candidates}) {
                statement.setArray(p++, textArray(connection, column));
            }
            statement.setString(p, seriesId);
            return statement;
        }, (rs, row) -> rs.getString(1));
        return new HashSet<>(inserted);
    }

    /**
     * The stored candidate clicks of every visitor and document with new clicks, over the whole hour slices
     * around their double-click windows (the sessions of Unique_Item_Requests need the hour, the reconciliation only
     * the window). One probe of {@code processed_event_visits} per window. The lateral subquery with OFFSET 0 cannot be
     * flattened into a join: as a join, the generic plan PgJDBC's prepared statement falls back to scanned the
     * whole ledger on every batch (32 ms per 1000 events, 79 ms per small live batch, measured).
     */
    private List<Reconciliation.StoredClick> storedClicks(String seriesId, List<Reconciliation.Window> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        int n = windows.size();
        Object[] documents = new Object[n];
        String[] visitors = new String[n];
        // instants as ISO text with their Z: a Timestamp array goes out as the JVM zone's wall-clock time without an
        // offset, which PostgreSQL reads ambiguously in the hour the clocks go back (an empty window, a double click
        // counted twice) when the JVM runs in a zone with summer time
        String[] from = new String[n];
        String[] to = new String[n];
        for (int i = 0; i < n; i++) {
            Reconciliation.Window w = windows.get(i);
            documents[i] = w.key().documentId();
            visitors[i] = w.key().visitorKey();
            from[i] = ItemSessions.hourSlice(w.from()).toString();
            to[i] = ItemSessions.hourSlice(w.to()).plus(Duration.ofHours(1)).toString();
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    select p.event_id, p.document_id, p.visitor_key, p.occurred_at, p.outcome
                    from unnest(?::uuid[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                         as w(document_id, visitor_key, from_at, to_at)
                    cross join lateral (
                        select c.event_id, c.document_id, c.visitor_key, c.occurred_at, c.outcome
                        from processed_event c
                        where c.series_id = ? and c.candidate
                          and c.document_id = w.document_id and c.visitor_key = w.visitor_key
                          and c.occurred_at >= w.from_at and c.occurred_at < w.to_at
                        offset 0) as p
                    """);
            statement.setArray(1, connection.createArrayOf("uuid", documents));
            statement.setArray(2, textArray(connection, visitors));
            statement.setArray(3, textArray(connection, from));
            statement.setArray(4, textArray(connection, to));
            statement.setString(5, seriesId);
            return statement;
        }, (rs, row) -> new Reconciliation.StoredClick(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
    }

    private void storeOutcomes(String seriesId, List<Reconciliation.Change> changes, Map<String, Outcome> provisional) {
        List<String> ids = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Reconciliation.Change change : changes) {
            String stored = change.fresh() ? provisional.get(change.eventId()).code() : change.before();
            if (!stored.equals(change.after())) {
                ids.add(change.eventId());
                codes.add(change.after());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    update processed_event p set outcome = u.outcome
                    from unnest(?::text[], ?::text[]) as u(event_id, outcome)
                    where p.series_id = ? and p.event_id = u.event_id
                    """);
            statement.setArray(1, textArray(connection, ids.toArray(String[]::new)));
            statement.setArray(2, textArray(connection, codes.toArray(String[]::new)));
            statement.setString(3, seriesId);
            return statement;
        });
    }

    /** The stored clicks inside the double-click windows: what {@link Reconciliation#reconcile} is to see. */
    private static List<Reconciliation.StoredClick> within(List<Reconciliation.Window> windows,
                                                           List<Reconciliation.StoredClick> around) {
        Map<Reconciliation.ClickKey, Reconciliation.Window> byKey = new HashMap<>();
        windows.forEach(w -> byKey.put(w.key(), w));
        List<Reconciliation.StoredClick> inside = new ArrayList<>(around.size());
        for (Reconciliation.StoredClick click : around) {
            Reconciliation.Window w = byKey.get(new Reconciliation.ClickKey(click.documentId(), click.visitorKey()));
            if (w != null && !click.occurredAt().isBefore(w.from()) && !click.occurredAt().isAfter(w.to())) {
                inside.add(click);
            }
        }
        return inside;
    }

    /**
     * How Unique_Item_Requests moves per document and day. A user-session (visitor key + document + hour slice)
     * counts while it holds a counted click; the ledger is the record of those clicks, so the session's clicks
     * before this batch are the stored counted clicks of its hour slice (read by {@link #storedClicks}, which
     * covers the whole hour slice of every click that can change), and after it those plus the moves.
     */
    private static Map<FigureDeltas.DocumentDay, Long> sessionMoves(FigureDeltas deltas,
                                                                   List<Reconciliation.StoredClick> around,
                                                                   Set<String> freshIds) {
        Map<FigureDeltas.DocumentDay, Long> uniqueDeltas = new TreeMap<>();
        if (deltas.sessions.isEmpty()) {
            return uniqueDeltas;
        }
        String counted = Outcome.COUNTED.code();
        Map<FigureDeltas.Session, Long> before = new HashMap<>();
        for (Reconciliation.StoredClick click : around) {
            if (counted.equals(click.outcome()) && !freshIds.contains(click.eventId())) {
                before.merge(new FigureDeltas.Session(click.documentId(), click.visitorKey(),
                        ItemSessions.hourSlice(click.occurredAt())), 1L, Long::sum);
            }
        }
        deltas.sessions.forEach((session, delta) -> {
            long requestsBefore = before.getOrDefault(session, 0L);
            long moved = FigureDeltas.uniqueDelta(requestsBefore, requestsBefore + delta);
            if (moved != 0) {
                uniqueDeltas.merge(new FigureDeltas.DocumentDay(session.documentId(), session.day()), moved, Long::sum);
            }
        });
        return uniqueDeltas;
    }

    private void updateDays(String seriesId, FigureDeltas deltas, Map<FigureDeltas.DocumentDay, Long> uniqueDeltas) {
        Map<FigureDeltas.DocumentDay, long[]> days = new TreeMap<>();
        deltas.raw.forEach((day, raw) -> days.computeIfAbsent(day, d -> new long[3])[0] += raw);
        deltas.outcomes.forEach((key, n) -> {
            if (key.outcome().equals(Outcome.COUNTED.code())) {
                days.computeIfAbsent(new FigureDeltas.DocumentDay(key.documentId(), key.day()), d -> new long[3])[1] += n;
            }
        });
        uniqueDeltas.forEach((day, n) -> days.computeIfAbsent(day, d -> new long[3])[2] += n);
        if (!days.isEmpty()) {
            int n = days.size();
            String[] documents = new String[n];
            String[] dates = new String[n];
            Long[] raw = new Long[n];
            Long[] counted = new Long[n];
            Long[] unique = new Long[n];
            int i = 0;
            for (Map.Entry<FigureDeltas.DocumentDay, long[]> day : days.entrySet()) {
                documents[i] = day.getKey().documentId().toString();
                dates[i] = day.getKey().day().toString();
                raw[i] = day.getValue()[0];
                counted[i] = day.getValue()[1];
                unique[i] = day.getValue()[2];
                i++;
            }
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        insert into document_day (series_id, document_id, day, raw_events, counted_events, unique_requests)
                        select ?, d.document_id, d.day, d.raw_events, d.counted_events, d.unique_requests
                        from unnest(?::uuid[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[])
                             as d(document_id, day, raw_events, counted_events, unique_requests)
                        on conflict (series_id, document_id, day) do update set
                            raw_events = document_day.raw_events + excluded.raw_events,
                            counted_events = document_day.counted_events + excluded.counted_events,
                            unique_requests = document_day.unique_requests + excluded.unique_requests
                        """);
                statement.setString(1, seriesId);
                statement.setArray(2, textArray(connection, documents));
                statement.setArray(3, textArray(connection, dates));
                statement.setArray(4, connection.createArrayOf("bigint", raw));
                statement.setArray(5, connection.createArrayOf("bigint", counted));
                statement.setArray(6, connection.createArrayOf("bigint", unique));
                return statement;
            });
        }

        if (!deltas.outcomes.isEmpty()) {
            int n = deltas.outcomes.size();
            String[] documents = new String[n];
            String[] dates = new String[n];
            String[] outcomes = new String[n];
            Long[] events = new Long[n];
            int i = 0;
            for (Map.Entry<FigureDeltas.DayOutcome, Long> outcome : deltas.outcomes.entrySet()) {
                documents[i] = outcome.getKey().documentId().toString();
                dates[i] = outcome.getKey().day().toString();
                outcomes[i] = outcome.getKey().outcome();
                events[i] = outcome.getValue();
                i++;
            }
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        insert into document_day_outcome (series_id, document_id, day, outcome, events)
                        select ?, o.document_id, o.day, o.outcome, o.events
                        from unnest(?::uuid[], ?::date[], ?::text[], ?::bigint[]) as o(document_id, day, outcome, events)
                        on conflict (series_id, document_id, day, outcome) do update set
                            events = document_day_outcome.events + excluded.events
                        """);
                statement.setString(1, seriesId);
                statement.setArray(2, textArray(connection, documents));
                statement.setArray(3, textArray(connection, dates));
                statement.setArray(4, textArray(connection, outcomes));
                statement.setArray(5, connection.createArrayOf("bigint", events));
                return statement;
            });
        }
    }

    private void updateDocuments(String seriesId, FigureDeltas deltas, Map<FigureDeltas.DocumentDay, Long> uniqueDeltas) {
        Map<UUID, long[]> documents = new TreeMap<>();
        Map<List<Object>, Long> exclusions = new LinkedHashMap<>();
        deltas.raw.forEach((day, raw) -> documents.computeIfAbsent(day.documentId(), d -> new long[3])[1] += raw);
        deltas.outcomes.forEach((key, n) -> {
            long[] v = documents.computeIfAbsent(key.documentId(), d -> new long[3]);
            if (key.outcome().equals(Outcome.COUNTED.code())) {
                v[0] += n;
                v[1] -= n;
            } else {
                exclusions.merge(List.of(key.documentId(), key.outcome()), n, Long::sum);
            }
        });
        uniqueDeltas.forEach((day, n) -> documents.computeIfAbsent(day.documentId(), d -> new long[3])[2] += n);
        if (!documents.isEmpty()) {
            int n = documents.size();
            String[] ids = new String[n];
            Long[] counted = new Long[n];
            Long[] excluded = new Long[n];
            Long[] unique = new Long[n];
            String[] first = new String[n];
            String[] last = new String[n];
            int i = 0;
            for (Map.Entry<UUID, long[]> document : documents.entrySet()) {
                Instant[] span = deltas.span.get(document.getKey());
                ids[i] = document.getKey().toString();
                counted[i] = document.getValue()[0];
                excluded[i] = document.getValue()[1];
                unique[i] = document.getValue()[2];
                first[i] = span == null ? null : span[0].toString();
                last[i] = span == null ? null : span[1].toString();
                i++;
            }
            // the counted/excluded columns take the moves; excluded = raw - counted
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        insert into document_count (series_id, document_id, counted_events, excluded_events, unique_requests,
                                                    first_occurred_at, last_occurred_at)
                        select ?, d.document_id, d.counted_events, d.excluded_events, d.unique_requests, d.first_at, d.last_at
                        from unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])
                             as d(document_id, counted_events, excluded_events, unique_requests, first_at, last_at)
                        on conflict (series_id, document_id) do update set
                            counted_events = document_count.counted_events + excluded.counted_events,
                            excluded_events = document_count.excluded_events + excluded.excluded_events,
                            unique_requests = document_count.unique_requests + excluded.unique_requests,
                            first_occurred_at = least(document_count.first_occurred_at, excluded.first_occurred_at),
                            last_occurred_at = greatest(document_count.last_occurred_at, excluded.last_occurred_at)
                        """);
                statement.setString(1, seriesId);
                statement.setArray(2, textArray(connection, ids));
                statement.setArray(3, connection.createArrayOf("bigint", counted));
                statement.setArray(4, connection.createArrayOf("bigint", excluded));
                statement.setArray(5, connection.createArrayOf("bigint", unique));
                statement.setArray(6, textArray(connection, first));
                statement.setArray(7, textArray(connection, last));
                return statement;
            });
        }
        if (!exclusions.isEmpty()) {
            int n = exclusions.size();
            String[] ids = new String[n];
            String[] reasons = new String[n];
            Long[] events = new Long[n];
            int i = 0;
            for (Map.Entry<List<Object>, Long> exclusion : exclusions.entrySet()) {
                ids[i] = exclusion.getKey().get(0).toString();
                reasons[i] = (String) exclusion.getKey().get(1);
                events[i] = exclusion.getValue();
                i++;
            }
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        insert into document_exclusion (series_id, document_id, reason, events)
                        select ?, e.document_id, e.reason, e.events
                        from unnest(?::uuid[], ?::text[], ?::bigint[]) as e(document_id, reason, events)
                        on conflict (series_id, document_id, reason) do update set
                            events = document_exclusion.events + excluded.events
                        """);
                statement.setString(1, seriesId);
                statement.setArray(2, textArray(connection, ids));
                statement.setArray(3, textArray(connection, reasons));
                statement.setArray(4, connection.createArrayOf("bigint", events));
                return statement;
            });
        }
    }

    /**
     * The download event names the edition: enough for per-edition figures even before catalog.events is read.
     * A document whose edition is known stays known (the catalog copy only ever sets one), so after a commit
     * it is remembered here and later batches do not write its row again.
     */
    private void rememberEditions(java.util.Collection<DownloadRequested> events) {
        Map<String, String> editions = new TreeMap<>();
        events.forEach(event -> {
            String document = event.documentId();
            if (!documentsWithEdition.contains(document)) {
                String edition = uuidOrNull(event.editionId());
                if (edition != null) {
                    editions.putIfAbsent(document, edition);
                }
            }
        });
        if (editions.isEmpty()) {
            return;
        }
        String[] documents = editions.keySet().toArray(String[]::new);
        String[] editionIds = editions.values().toArray(String[]::new);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into catalog_document (document_id, edition_id)
                    select e.document_id, e.edition_id from unnest(?::uuid[], ?::uuid[]) as e(document_id, edition_id)
                    on conflict (document_id) do update set edition_id = coalesce(catalog_document.edition_id, excluded.edition_id)
                    where catalog_document.edition_id is null
                    """);
            statement.setArray(1, textArray(connection, documents));
            statement.setArray(2, textArray(connection, editionIds));
            return statement;
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    if (documentsWithEdition.size() < REMEMBERED_DOCUMENTS_LIMIT) {
                        documentsWithEdition.addAll(editions.keySet());
                    }
                }
            });
        }
    }

    private static String uuidOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What one call changed in the live series; {@code duplicates} were seen before (or twice in the batch). */
    public record Applied(long counted, long excluded, long duplicates, List<Instant> freshOccurredAt) {

        static final Applied NOTHING = new Applied(0, 0, 0, List.of());
    }
}
