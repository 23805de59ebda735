package nl.publicaties.stats.counts.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads one document's figures in detail, of the live series or any other. Each answer is read in one snapshot,
 * so {@code asOf} and the counts belong together. The batch call for many documents is {@link LiveCounts}.
 */
@Repository
public class CountsQuery {

    private final JdbcTemplate jdbc;
    private final SeriesStore series;

    public CountsQuery(JdbcTemplate jdbc, SeriesStore series) {
        this.jdbc = jdbc;
        this.series = series;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public DocumentCountDetail findDetail(UUID documentId, String seriesId) {
        SeriesStore.Series seriesRead = seriesId == null ? series.live() : series.find(seriesId)
                .orElseThrow(() -> new UnknownSeriesException(seriesId));
        DocumentCountDetail.Baseline baseline = jdbc.query("""
                        select b.downloads, b.title, b.source, b.file_sha256, i.file_name, b.imported_at
                        from baseline_count b join baseline_import i on i.id = b.import_id
                        where b.document_id = ?
                        """,
                (rs, row) -> new DocumentCountDetail.Baseline(rs.getLong("downloads"), rs.getString("title"),
                        rs.getString("source"), rs.getString("file_name"), rs.getString("file_sha256"),
                        instant(rs, "imported_at")),
                documentId).stream().findFirst().orElse(null);

        record Counted(long counted, long excluded, long unique, Instant first, Instant last) {
        }
        Counted counted = jdbc.query("""
                        select counted_events, excluded_events, unique_requests, first_occurred_at, last_occurred_at
                        from document_count where series_id = ? and document_id = ?
                        """,
                (rs, row) -> new Counted(rs.getLong(1), rs.getLong(2), rs.getLong(3), instant(rs, "first_occurred_at"),
                        instant(rs, "last_occurred_at")),
                seriesRead.seriesId(), documentId).stream().findFirst().orElse(new Counted(0, 0, 0, null, null));

        Map<String, Long> exclusions = new LinkedHashMap<>();
        jdbc.query("""
                        select reason, events from document_exclusion
                        where series_id = ? and document_id = ? and events <> 0 order by reason
                        """,
                rs -> {
                    exclusions.put(rs.getString("reason"), rs.getLong("events"));
                },
                seriesRead.seriesId(), documentId);

        long baselineDownloads = baseline == null ? 0 : baseline.downloads();
        return new DocumentCountDetail(documentId.toString(), seriesRead.policyVersion(), seriesRead.seriesId(),
                seriesRead.asOf(), baselineDownloads, counted.counted(), counted.unique(), baselineDownloads + counted.counted(),
                counted.counted() + counted.excluded(), counted.excluded(), exclusions,
                counted.first(), counted.last(), baseline);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
