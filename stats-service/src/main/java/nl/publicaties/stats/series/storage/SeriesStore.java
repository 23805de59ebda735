package nl.publicaties.stats.series.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The series of figures: one live (served by default), any number being built or retired. A retired series
 * keeps its figures "as counted at the time"; the live one after a rebuild is the restatement.
 */
@Repository
public class SeriesStore {

    private final JdbcTemplate jdbc;

    public SeriesStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Series(
            String seriesId,
            String policyVersion,
            String state,
            boolean live,
            Instant asOf,
            long countedEvents,
            long excludedEvents,
            long uniqueRequests,
            Instant createdAt,
            Instant switchedAt,
            Instant retiredAt) {

        public long rawEvents() {
            return countedEvents + excludedEvents;
        }
    }

    private static final String COLUMNS = """
            select series_id, policy_version, state, live, as_of, counted_events, excluded_events, unique_requests,
                   created_at, switched_at, retired_at from counting_series
            """;

    public Series live() {
        return jdbc.query(COLUMNS + " where live", SeriesStore::series).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no live series: the service did not start properly"));
    }

    public Optional<Series> find(String seriesId) {
        return jdbc.query(COLUMNS + " where series_id = ?", SeriesStore::series, seriesId).stream().findFirst();
    }

    public List<Series> all() {
        return jdbc.query(COLUMNS + " order by created_at, series_id", SeriesStore::series);
    }

    public boolean isEmpty() {
        return jdbc.queryForObject("select count(*) from counting_series", Long.class) == 0;
    }

    public void create(String seriesId, String policyVersion, String robotsVersion, boolean live) {
        jdbc.update("""
                insert into counting_series (series_id, policy_version, robots_version, state, live, switched_at)
                values (?, ?, ?, ?, ?, case when ? then now() end)
                """, seriesId, policyVersion, robotsVersion, live ? "live" : "building", live, live);
    }

    /** One transaction: the old live series retires (keeps its figures) and the built one goes live. */
    @Transactional
    public void switchLive(String seriesId) {
        jdbc.update("update counting_series set live = false, state = 'retired', retired_at = now() where live");
        int switched = jdbc.update("""
                update counting_series set live = true, state = 'live', switched_at = now()
                where series_id = ? and state = 'building'
                """, seriesId);
        if (switched != 1) {
            throw new IllegalStateException("series " + seriesId + " is not being built");
        }
    }

    public void abandon(String seriesId) {
        jdbc.update("update counting_series set state = 'retired', retired_at = now() where series_id = ? and state = 'building'",
                seriesId);
    }

    private static Series series(ResultSet rs, int row) throws SQLException {
        return new Series(rs.getString("series_id"), rs.getString("policy_version"), rs.getString("state"),
                rs.getBoolean("live"), instant(rs, "as_of"), rs.getLong("counted_events"), rs.getLong("excluded_events"),
                rs.getLong("unique_requests"), instant(rs, "created_at"), instant(rs, "switched_at"),
                instant(rs, "retired_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
