package nl.publicaties.stats.baseline;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.baseline.storage.BaselineStore;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class BaselineIT extends StatsIntegrationTest {

    private static final String SHIPPED = "classpath:baseline/monitor-integriteit-en-veiligheid.csv";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BaselineImport baselineImport;

    @Autowired
    BaselineStore baselineStore;

    @Autowired
    PlatformTransactionManager transactions;

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

    @Test
    void givenFilesOfManyThousandRows_whenImported_thenEveryRowIsStoredAndALaterFileReplacesOnlyTheRowsItLists() {
        List<Map<String, Object>> shippedBefore = jdbc.queryForList("select * from baseline_count order by document_id");
        List<UUID> documents = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            documents.add(UUID.randomUUID());
        }
        StringBuilder first = new StringBuilder("# source: synthetisch, test\ndocument_id,downloads,title\n");
        for (int i = 0; i < documents.size(); i++) {
            first.append(documents.get(i)).append(',').append(i).append(",Document ").append(i).append('\n');
        }
        String second = "# source: synthetisch, tweede levering\ndocument_id,downloads\n"
                + documents.get(0) + ",7\n" + documents.get(12_344) + ",7\n" + MONITOR_2022 + ",400\n";

        // inside a transaction that is rolled back: the other tests keep the shipped baseline
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            assertThat(baselineStore.importIfChanged(BaselineFile.parse("eerste.csv", bytes(first.toString())))).isTrue();
            assertThat(baselineStore.importIfChanged(BaselineFile.parse("tweede.csv", bytes(second)))).isTrue();

            assertThat(jdbc.queryForObject("select count(*) from baseline_count", Long.class)).isEqualTo(11 + 12_345);
            assertThat(downloadsOf(documents.get(0))).isEqualTo(7);
            assertThat(downloadsOf(documents.get(1))).isEqualTo(1);
            assertThat(downloadsOf(documents.get(4_999))).isEqualTo(4_999);
            assertThat(downloadsOf(documents.get(5_000))).isEqualTo(5_000);
            assertThat(downloadsOf(documents.get(12_343))).isEqualTo(12_343);
            assertThat(downloadsOf(documents.get(12_344))).isEqualTo(7);
            assertThat(downloadsOf(UUID.fromString(MONITOR_2022))).isEqualTo(400);
            assertThat(jdbc.queryForObject("select title from baseline_count where document_id = ?",
                    String.class, documents.get(10_001))).isEqualTo("Document 10001");
            assertThat(jdbc.queryForList("""
                            select distinct b.source from baseline_count b
                            where b.document_id = any(?::uuid[]) order by 1
                            """, String.class, (Object) new String[] {documents.get(0).toString(),
                            documents.get(1).toString(), MONITOR_2022}))
                    .containsExactly("synthetisch, test", "synthetisch, tweede levering");
        });

        assertThat(jdbc.queryForObject("select count(*) from baseline_import", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("select * from baseline_count order by document_id")).isEqualTo(shippedBefore);
    }

    private long downloadsOf(UUID document) {
        return jdbc.queryForObject("select downloads from baseline_count where document_id = ?", Long.class, document);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
