package nl.publicaties.stats.baseline;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class BaselineIT extends StatsIntegrationTest {

    private static final String SHIPPED = "classpath:baseline/monitor-integriteit-en-veiligheid.csv";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BaselineImport baselineImport;

    @Test
    void givenShippedBaseline_whenServiceStarted_thenImportedWithProvenanceAsBaselineNotEvents() {
        assertThat(jdbc.queryForObject("select count(*) from baseline_import", Long.class)).isEqualTo(1);
        Map<String, Object> monitor = jdbc.queryForMap(
                "select downloads, source, file_sha256 from baseline_count where document_id = ?::uuid", MONITOR_2022);
        assertThat(monitor.get("downloads")).isEqualTo(366L);
        assertThat((String) monitor.get("source")).startsWith("Rijksoverheid");
        assertThat((String) monitor.get("file_sha256")).hasSize(64);
        assertThat(jdbc.queryForObject("select count(*) from baseline_count", Long.class)).isEqualTo(11);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id like 'baseline%'",
                Long.class)).isZero();
    }

    @Test
    void givenSameFileAgain_whenImported_thenNothingChanges() throws Exception {
        List<Map<String, Object>> before = jdbc.queryForList("select * from baseline_count order by document_id");

        boolean importedByRestart = baselineImport.importFrom(SHIPPED);
        baselineImport.run(null);

        assertThat(importedByRestart).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from baseline_import", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("select * from baseline_count order by document_id")).isEqualTo(before);
    }

    @Test
    void givenDownloadsOfMonitor2022_whenCountsAsked_thenTotalIsBaselinePlusCounted() {
        long countedBefore = countsOf(MONITOR_2022).counted();

        try (DownloadEvents events = downloadEvents()) {
            events.send(fullDownloadOf(MONITOR_2022));
            events.send(fullDownloadOf(MONITOR_2022));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DocumentCounts.Entry entry = countsOf(MONITOR_2022);
            assertThat(entry.baseline()).isEqualTo(366);
            assertThat(entry.counted()).isEqualTo(countedBefore + 2);
            assertThat(entry.total()).isEqualTo(366 + countedBefore + 2);
        });
    }

    @Test
    void givenMonitor2022_whenDetailAsked_thenBaselineProvenanceShown() {
        Map<?, ?> detail = json.readValue(get("/api/counts/" + MONITOR_2022).body(), Map.class);

        assertThat(detail.get("baseline")).isEqualTo(366);
        Map<?, ?> source = (Map<?, ?>) detail.get("baselineSource");
        assertThat((String) source.get("source")).contains("Monitor integriteit en veiligheid");
        assertThat(source.get("fileName")).isEqualTo("monitor-integriteit-en-veiligheid.csv");
        assertThat(source.get("title")).isEqualTo("Monitor integriteit en veiligheid 2022");
    }
}
