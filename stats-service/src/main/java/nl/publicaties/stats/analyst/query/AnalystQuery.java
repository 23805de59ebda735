package nl.publicaties.stats.analyst.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.stats.figures.query.FiguresQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The analyst's views: every event's outcome (the raw ledger) and the exclusions per day and reason. */
@Repository
public class AnalystQuery {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final JdbcTemplate jdbc;
    private final FiguresQuery figures;

    public AnalystQuery(JdbcTemplate jdbc, FiguresQuery figures) {
        this.jdbc = jdbc;
        this.figures = figures;
    }

    public record LedgerRow(LocalDate day, String documentId, String title, String outcome, long events) {
    }

    /** raw = counted + sum of excluded; {@code reconciles} checks it against the raw-event counters. */
    public record Ledger(FiguresQuery.Frame frame, long rawEvents, long counted, Map<String, Long> excludedByReason,
            boolean reconciles, List<LedgerRow> rows) {
    }

    public record RawEvent(String eventId, String documentId, String editionId, Instant occurredAt, String method,
            Integer status, Long rangeStart, String userAgent, String visitorKey, String outcome, Instant processedAt) {
    }

    public record RawEvents(FiguresQuery.Frame frame, int limit, List<RawEvent> events) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Ledger ledger(LocalDate from, LocalDate to, UUID documentId, String seriesId) {
        FiguresQuery.Frame frame = figures.frame(seriesId, from, to);
        List<LedgerRow> rows = jdbc.query("""
                        select o.day, o.document_id, c.title, o.outcome, o.events
                        from document_day_outcome o left join catalog_document c on c.document_id = o.document_id
                        where o.series_id = ? and o.day between ? and ? and o.events <> 0
                          and (?::uuid is null or o.document_id = ?::uuid)
                        order by o.day, c.title nulls last, o.document_id, o.outcome
                        """,
                (rs, row) -> new LedgerRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)),
                frame.seriesId(), frame.from(), frame.to(), documentId, documentId);
        long counted = rows.stream().filter(r -> r.outcome().equals("counted")).mapToLong(LedgerRow::events).sum();
        Map<String, Long> excluded = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.outcome().equals("counted"))
                .forEach(r -> excluded.merge(r.outcome(), r.events(), Long::sum));
        Long raw = jdbc.queryForObject("""
                        select coalesce(sum(raw_events), 0) from document_day
                        where series_id = ? and day between ? and ? and (?::uuid is null or document_id = ?::uuid)
                        """, Long.class, frame.seriesId(), frame.from(), frame.to(), documentId, documentId);
        long excludedTotal = excluded.values().stream().mapToLong(Long::longValue).sum();
        return new Ledger(frame, raw, counted, excluded, raw == counted + excludedTotal, rows);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RawEvents events(LocalDate from, LocalDate to, UUID documentId, String outcome, int limit, String seriesId) {
        FiguresQuery.Frame frame = figures.frame(seriesId, from, to);
        OffsetDateTime start = frame.from().atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime end = frame.to().plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
        List<RawEvent> events = jdbc.query("""
                        select event_id, document_id, edition_id, occurred_at, method, status, range_start, user_agent,
                               visitor_key, outcome, processed_at
                        from processed_event
                        where series_id = ? and occurred_at >= ? and occurred_at < ?
                          and (?::uuid is null or document_id = ?::uuid) and (?::text is null or outcome = ?::text)
                        order by occurred_at desc, event_id limit ?
                        """,
                (rs, row) -> new RawEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), (Integer) rs.getObject(6),
                        (Long) rs.getObject(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class).toInstant()),
                frame.seriesId(), start, end, documentId, documentId, outcome, outcome, limit);
        return new RawEvents(frame, limit, events);
    }
}
