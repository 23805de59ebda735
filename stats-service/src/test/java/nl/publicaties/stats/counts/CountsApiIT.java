package nl.publicaties.stats.counts;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.clickAt;
import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.newDocumentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CountsApiIT extends StatsIntegrationTest {

    @Autowired
    MeterRegistry registry;

    /** "Monitor integriteit en veiligheid 2022 5-minutenversie", baseline 337. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String MONITOR_2022_SHORT = "73e34c8a-b0ab-5442-93e5-ea7ddfaab0bf";

    @Test
    void givenUnknownAndBaselinedIds_whenBatchAsked_thenEntriesInAskedOrderWithZerosForUnknown() {
        String unknown = newDocumentId();

        DocumentCounts answer = counts(MONITOR_2022_SHORT, unknown, MONITOR_2022);

        assertThat(answer.policyVersion()).isEqualTo("1.0");
        assertThat(answer.documents()).extracting(DocumentCounts.Entry::documentId)
                .containsExactly(MONITOR_2022_SHORT, unknown, MONITOR_2022);
        assertThat(answer.documents().get(0).baseline()).isEqualTo(337);
        assertThat(answer.documents().get(1)).isEqualTo(new DocumentCounts.Entry(unknown, 0, 0, 0));
        assertThat(answer.documents().get(2).baseline()).isEqualTo(366);
    }

    @Test
    void givenALateDownloadOlderThanAsOf_whenCounted_thenTheBatchCallShowsItWhileAsOfStays() {
        String recent = newDocumentId();
        String late = newDocumentId();
        DownloadRequested now = fullDownloadOf(recent);
        try (DownloadEvents events = downloadEvents()) {
            events.send(now);
            await().atMost(PATIENCE).until(() -> countsOf(recent).counted() == 1);
            Instant asOf = counts(recent).asOf();

            // a spool replayed after an outage: counted now, but older than every figure's "as of"
            events.send(clickAt(late, "late-visitor", now.occurredAt().minus(Duration.ofHours(3))));

            await().atMost(PATIENCE).until(() -> countsOf(late).counted() == 1);
            assertThat(counts(late).asOf()).isAfterOrEqualTo(asOf);
        }
    }

    @Test
    void givenCountsMovingOnManyDocuments_whenTheSnapshotReadsOnlyTheChanges_thenItShowsWhatTheDatabaseHolds() {
        double changeReadsBefore = changeReads();
        List<String> documents = new ArrayList<>(List.of(MONITOR_2022_SHORT));
        for (int i = 0; i < 30; i++) {
            documents.add(newDocumentId());
        }
        try (DownloadEvents events = downloadEvents()) {
            for (int round = 0; round < 3; round++) {
                double readsBefore = changeReads();
                for (String document : documents) {
                    events.send(fullDownloadOf(document));
                }
                await().atMost(PATIENCE).until(() -> changeReads() > readsBefore);
            }
        }

        for (String document : documents) {
            DocumentCounts.Entry entry = settledCountsOf(document);
            assertThat(entry.counted()).as(document).isEqualTo(3);
            assertThat(entry.total()).isEqualTo(entry.baseline() + entry.counted());
        }
        // the baseline is not read again with the changed counts, it is kept
        assertThat(settledCountsOf(MONITOR_2022_SHORT).baseline()).isEqualTo(337);
        assertThat(changeReads()).isGreaterThan(changeReadsBefore);
    }

    private double changeReads() {
        return registry.get("stats.counts.snapshot.load").tag("read", "changes").timer().count();
    }

    @Test
    void givenIdThatIsNoUuid_whenBatchAsked_thenBadRequestAsProblemJson() {
        HttpResponse<String> response = get("/api/counts?ids=" + MONITOR_2022 + ",monitor-2022");

        assertProblem(response);
        Map<?, ?> problem = json.readValue(response.body(), Map.class);
        assertThat(problem.get("invalidIds")).isEqualTo(List.of("monitor-2022"));
        assertThat(problem.get("title")).isEqualTo("Invalid document ids");
    }

    @Test
    void givenASeriesThatDoesNotExist_whenCountsOrFiguresAsked_thenNotFoundAsProblemJson() {
        for (String path : List.of("/api/counts/" + MONITOR_2022 + "?series=no-such-series",
                "/api/figures/groups?by=document&series=no-such-series")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            Map<?, ?> problem = json.readValue(response.body(), Map.class);
            assertThat(problem.get("type")).as(path).isEqualTo("urn:publicaties:problem:unknown-series");
            assertThat(problem.get("title")).as(path).isEqualTo("Unknown series");
        }
    }

    @Test
    void givenNoIds_whenBatchAsked_thenBadRequestAsProblemJson() {
        assertProblem(get("/api/counts"));
        assertProblem(get("/api/counts?ids="));
    }

    @Test
    void givenMoreThan200Ids_whenBatchAsked_thenBadRequestAsProblemJson() {
        assertProblem(get("/api/counts?ids=" + String.join(",", Collections.nCopies(201, MONITOR_2022))));
    }

    @Test
    void givenDetailOfIdThatIsNoUuid_whenAsked_thenBadRequestAsProblemJson() {
        assertProblem(get("/api/counts/not-a-uuid"));
    }

    private void assertProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Map<?, ?> problem = json.readValue(response.body(), Map.class);
        assertThat(problem.get("status")).isEqualTo(400);
        assertThat(problem.get("detail")).isNotNull();
        assertThat(response.body()).doesNotContain("Exception");
    }
}
