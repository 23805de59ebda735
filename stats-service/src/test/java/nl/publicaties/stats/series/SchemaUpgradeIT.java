package nl.publicaties.stats.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.stats.support.EmbeddedServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A database counted under policy 0.1 (schema V2) upgrades in place: its figures become the live series "0.1". */
class SchemaUpgradeIT {

    @Test
    void givenADatabaseCountedUnderPolicy01_whenMigratedToV3_thenItsSeriesIsLiveWithItsFiguresPerDay() throws Exception {
        String database = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        String serverUrl = EmbeddedServers.jdbcUrl();
        try (Connection admin = DriverManager.getConnection(serverUrl, "postgres", "postgres"); Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = serverUrl.replace("/postgres?", "/" + database + "?");
        Flyway.configure().dataSource(url, "postgres", "postgres").target("2").load().migrate();
        try (SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "postgres", "postgres", true)) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            UUID document = UUID.randomUUID();
            jdbc.update("insert into counting_series (policy_version, live, counted_events, excluded_events) values ('0.1', true, 1, 1)");
            jdbc.update("""
                    insert into processed_event (event_id, document_id, occurred_at, policy_version, outcome) values
                    ('e1', ?, '2026-11-20T10:00:00Z', '0.1', 'counted'), ('e2', ?, '2026-11-20T10:00:05Z', '0.1', 'not-a-get')
                    """, document, document);
            jdbc.update("insert into document_count (policy_version, document_id, counted_events, excluded_events) values ('0.1', ?, 1, 1)", document);

            Flyway.configure().dataSource(url, "postgres", "postgres").load().migrate();

            assertThat(jdbc.queryForMap("select series_id, policy_version, state, live from counting_series"))
                    .isEqualTo(Map.of("series_id", "0.1", "policy_version", "0.1", "state", "live", "live", true));
            assertThat(jdbc.queryForMap("select raw_events, counted_events from document_day where document_id = ?", document))
                    .isEqualTo(Map.of("raw_events", 2L, "counted_events", 1L));
            assertThat(jdbc.queryForObject("select count(*) from processed_event where series_id = '0.1' and policy_version = '0.1'",
                    Long.class)).isEqualTo(2);
        }
    }
}
