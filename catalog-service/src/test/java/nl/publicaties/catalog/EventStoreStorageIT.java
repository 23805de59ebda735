package nl.publicaties.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import nl.publicaties.catalog.config.AxonConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The four Axon-on-Boot-4 fixes, seen in the database (see shared/STACK.md). */
class EventStoreStorageIT extends IntegrationTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void givenSeedImported_whenEventsRead_thenPayloadsAreJsonInByteaWithRevision() {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> jdbc.queryForObject("select count(*) from domain_event_entry", Long.class) >= 30);

        assertThat(jdbc.queryForObject("select data_type from information_schema.columns "
                + "where table_name = 'domain_event_entry' and column_name = 'payload'", String.class))
                .isEqualTo("bytea");
        List<String> payloads = jdbc.query("select payload, payload_revision from domain_event_entry",
                (rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8) + " rev " + rs.getString(2));
        // EditionCreated is at revision 2 (see EditionCreatedUpcaster); every other event at 1
        assertThat(payloads).allMatch(p -> p.startsWith("{") && (p.endsWith(" rev 1") || p.endsWith(" rev 2")));
    }

    @Test
    void givenEventStore_whenSequenceInspected_thenGlobalIndexIncrementsByOne() {
        assertThat(jdbc.queryForObject(
                "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void givenProcessorsRunning_whenTokensRead_thenBothProcessorsStoreJsonTokens() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                "select distinct processor_name from token_entry where token is not null", String.class)
                .containsAll(List.of(AxonConfig.KAFKA_PUBLISHER, AxonConfig.SERIES_PAGE)));

        List<String> tokens = jdbc.query("select token from token_entry where token is not null",
                (rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8));
        assertThat(tokens).allMatch(t -> t.startsWith("{"));
    }
}
