package nl.publicaties.stats.counting;

import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.newDocumentId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.storage.CountingLedger;
import nl.publicaties.stats.series.storage.SeriesStore;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * While a rebuild replays, the live listener writes every batch into the live series and into the series being
 * built, and the rebuild writes the same documents into the latter: both must always get through, whatever the
 * interleaving (PostgreSQL aborts one of two transactions that wait for each other, which would stall both).
 */
class ConcurrentWritersIT extends StatsIntegrationTest {

    @Autowired
    CountingLedger ledger;

    @Autowired
    SeriesStore series;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenARebuildReplayingTheDocumentsTheLiveListenerCounts_whenBothWriteAtOnce_thenBothCommit() throws Exception {
        String building = "zz-concurrent-writers-" + UUID.randomUUID(); // sorts after the live series
        series.create(building, CountingPolicies.V1, null, false);
        CountingPolicy policy = new CountingPolicies().get(CountingPolicies.V1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<String> documents = new ArrayList<>();
        try {
            for (int round = 0; round < 30; round++) {
                List<DownloadRequested> batch = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String document = newDocumentId(); // no edition known yet: its catalog_document row is written
                    documents.add(document);
                    batch.add(fullDownloadOf(document));
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> live = writers.submit(() -> {
                    together.await();
                    return ledger.apply(batch);
                });
                Future<?> rebuild = writers.submit(() -> {
                    together.await();
                    return ledger.applyTo(building, policy, batch);
                });
                live.get(30, TimeUnit.SECONDS);
                rebuild.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            series.abandon(building);
        }
        for (String document : documents) {
            assertThat(counted(building, document)).as(document).isEqualTo(1);
        }
    }

    private long counted(String seriesId, String document) {
        return jdbc.queryForObject("select counted_events from document_count where series_id = ? and document_id = ?::uuid",
                Long.class, seriesId, document);
    }
}
