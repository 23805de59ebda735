package nl.publicaties.stats.figures.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.publicaties.stats.counts.query.UnknownSeriesException;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures over time and by grouping, read from the per-day tables of one series (the live one unless asked
 * otherwise). Days are Dutch calendar days; a range includes both ends.
 */
@Repository
public class FiguresQuery {

    private final JdbcTemplate jdbc;
    private final SeriesStore series;

    public FiguresQuery(JdbcTemplate jdbc, SeriesStore series) {
        this.jdbc = jdbc;
        this.series = series;
    }

    public enum Grouping {
        DOCUMENT("d.document_id::text", "coalesce(c.title, d.document_id::text)"),
        EDITION("c.edition_id::text", "coalesce(e.label, c.edition_id::text, 'onbekende editie')"),
        SERIES("coalesce(c.series_id, e.series_id)::text", "coalesce(s.title, 'onbekende reeks')"),
        PROVINCE("c.region_code", "coalesce(c.region_name, 'landelijk')"),
        KIND("c.kind", "coalesce(c.kind, 'onbekend')");

        final String key;
        final String label;

        Grouping(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public static Grouping of(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFigureRequestException("Unknown grouping '" + text
                        + "'; use document, edition, series, province or kind.");
            }
        }
    }

    /** The frame of every answer: which series and policy, and up to which event. */
    public record Frame(String seriesId, String policyVersion, Instant asOf, LocalDate from, LocalDate to) {
    }

    public record Day(LocalDate day, long totalItemRequests, long uniqueItemRequests, long rawEvents, long excludedEvents) {
    }

    public record Group(String key, String label, long totalItemRequests, long uniqueItemRequests, long rawEvents,
            long excludedEvents) {
    }

    public record Days(Frame frame, String documentId, List<Day> days) {
    }

    public record Groups(Frame frame, String groupedBy, List<Group> groups) {
    }

    public record DayGroup(LocalDate day, String key, String label, long totalItemRequests) {
    }

    /** Total_Item_Requests per day and group (edition, kind…): the lines of a chart over time. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<DayGroup> groupedPerDay(Grouping grouping, Frame frame) {
        return jdbc.query("select d.day, " + grouping.key + " as key, " + grouping.label + " as label, "
                        + """
                        sum(d.counted_events) as total
                        from document_day d
                        left join catalog_document c on c.document_id = d.document_id
                        left join catalog_edition e on e.edition_id = c.edition_id
                        left join catalog_series s on s.series_id = coalesce(c.series_id, e.series_id)
                        where d.series_id = ? and d.day between ? and ?
                        group by 1, 2, 3 order by 1, 3
                        """,
                (rs, row) -> new DayGroup(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getLong(4)),
                frame.seriesId(), frame.from(), frame.to());
    }

    /** One row per document and metric, after COUNTER's item report. */
    public record ItemRow(String documentId, String title, String editionLabel, Integer year, String seriesTitle,
            String kind, String regionName, String fileName, long totalItemRequests, long uniqueItemRequests) {
    }

    public record Month(Frame frame, YearMonth month, List<ItemRow> items) {
    }

    public record LaunchPoint(int daysSincePublication, long totalItemRequests, long cumulative) {
    }

    public record LaunchCurve(String editionId, String label, LocalDate publishedOn, List<LaunchPoint> points) {
    }

    public record LaunchCurves(Frame frame, int days, List<LaunchCurve> editions) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Days perDay(UUID documentId, LocalDate from, LocalDate to, String seriesId) {
        Frame frame = frame(seriesId, from, to);
        List<Day> days = jdbc.query("""
                        select day, counted_events, unique_requests, raw_events from document_day
                        where series_id = ? and document_id = ? and day between ? and ? order by day
                        """,
                (rs, row) -> new Day(rs.getObject("day", LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(4) - rs.getLong(2)),
                frame.seriesId(), documentId, frame.from(), frame.to());
        return new Days(frame, documentId.toString(), days);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Groups grouped(Grouping grouping, LocalDate from, LocalDate to, int limit, String seriesId) {
        Frame frame = frame(seriesId, from, to);
        // the grouping's SQL fragments are constants of the enum, never request text
        List<Group> groups = jdbc.query("select " + grouping.key + " as key, " + grouping.label + " as label, "
                        + """
                        sum(d.counted_events) as total, sum(d.unique_requests) as uniq, sum(d.raw_events) as raw
                        from document_day d
                        left join catalog_document c on c.document_id = d.document_id
                        left join catalog_edition e on e.edition_id = c.edition_id
                        left join catalog_series s on s.series_id = coalesce(c.series_id, e.series_id)
                        where d.series_id = ? and d.day between ? and ?
                        group by 1, 2 order by total desc, label limit ?
                        """,
                (rs, row) -> new Group(rs.getString("key"), rs.getString("label"), rs.getLong("total"), rs.getLong("uniq"),
                        rs.getLong("raw"), rs.getLong("raw") - rs.getLong("total")),
                frame.seriesId(), frame.from(), frame.to(), limit);
        return new Groups(frame, grouping.name().toLowerCase(Locale.ROOT), groups);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Month month(YearMonth month, String seriesId) {
        Frame frame = frame(seriesId, month.atDay(1), month.atEndOfMonth());
        List<ItemRow> items = jdbc.query("""
                        select d.document_id, c.title, e.label, e.year, s.title as series_title, c.kind, c.region_name,
                               c.file_name, sum(d.counted_events) as total, sum(d.unique_requests) as uniq
                        from document_day d
                        left join catalog_document c on c.document_id = d.document_id
                        left join catalog_edition e on e.edition_id = c.edition_id
                        left join catalog_series s on s.series_id = coalesce(c.series_id, e.series_id)
                        where d.series_id = ? and d.day between ? and ?
                        group by 1, 2, 3, 4, 5, 6, 7, 8
                        having sum(d.counted_events) > 0
                        order by s.title nulls last, e.year desc nulls last, c.title, d.document_id
                        """,
                (rs, row) -> new ItemRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getLong("total"), rs.getLong("uniq")),
                frame.seriesId(), frame.from(), frame.to());
        return new Month(frame, month, items);
    }

    /** Total_Item_Requests by days since the edition was published: editions compared at the same age. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public LaunchCurves launchCurves(int days, String seriesId) {
        Frame frame = frame(seriesId, null, null);
        record Row(String editionId, String label, LocalDate publishedOn, int age, long total) {
        }
        List<Row> rows = jdbc.query("""
                        select e.edition_id, coalesce(e.label, e.edition_id::text), e.published_on,
                               (d.day - e.published_on) as age, sum(d.counted_events)
                        from document_day d
                        join catalog_document c on c.document_id = d.document_id
                        join catalog_edition e on e.edition_id = c.edition_id
                        where d.series_id = ? and e.published_on is not null
                          and d.day >= e.published_on and d.day < e.published_on + ?
                        group by 1, 2, 3, 4 order by e.published_on desc, 1, age
                        """,
                (rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4),
                        rs.getLong(5)),
                frame.seriesId(), days);
        List<LaunchCurve> curves = new ArrayList<>();
        LaunchCurve current = null;
        long cumulative = 0;
        for (Row r : rows) {
            if (current == null || !current.editionId().equals(r.editionId())) {
                current = new LaunchCurve(r.editionId(), r.label(), r.publishedOn(), new ArrayList<>());
                curves.add(current);
                cumulative = 0;
            }
            cumulative += r.total();
            current.points().add(new LaunchPoint(r.age(), r.total(), cumulative));
        }
        return new LaunchCurves(frame, days, curves);
    }

    public Frame frame(String seriesId, LocalDate from, LocalDate to) {
        SeriesStore.Series s = seriesId == null || seriesId.isBlank()
                ? series.live()
                : series.find(seriesId).orElseThrow(() -> new UnknownSeriesException(seriesId));
        LocalDate start = from == null ? LocalDate.of(2000, 1, 1) : from;
        LocalDate end = to == null ? LocalDate.of(2999, 12, 31) : to;
        if (end.isBefore(start)) {
            throw new InvalidFigureRequestException("The range ends (" + end + ") before it starts (" + start + ").");
        }
        return new Frame(s.seriesId(), s.policyVersion(), s.asOf(), start, end);
    }
}
