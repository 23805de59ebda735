package nl.publicaties.stats.counting;

import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.headOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.newDocumentId;
import static nl.publicaties.stats.support.DownloadRequestedMother.notModifiedOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.rangeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.counting.config.CountingConfig;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class DownloadCountingIT extends StatsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    DownloadEvents events;

    @BeforeEach
    void openProducer() {
        events = downloadEvents();
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void givenFullNotModifiedAndFromZeroDownloads_whenConsumed_thenAllCounted() {
        String document = newDocumentId();
        DownloadRequested last = rangeOf(document, 0, 499);

        events.send(fullDownloadOf(document));
        events.send(notModifiedOf(document));
        events.send(last);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(countsOf(document)).isEqualTo(new DocumentCounts.Entry(document, 0, 3, 3)));
        DocumentCounts answer = counts(document);
        assertThat(answer.policyVersion()).isEqualTo("1.0");
        assertThat(answer.asOf()).isAfterOrEqualTo(last.occurredAt());
    }

    @Test
    void givenCountedDownloads_whenOperationsScrapePrometheus_thenProjectionLatencyAndConsumerLagAreThere() {
        String document = newDocumentId();
        events.send(fullDownloadOf(document));
        await().atMost(PATIENCE).until(() -> countsOf(document).counted() == 1);

        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("stats_projection_latency_seconds_count", "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void givenSameEventSentTwice_whenConsumed_thenCountedOnce() {
        String document = newDocumentId();
        DownloadRequested twice = fullDownloadOf(document);
        DownloadRequested after = fullDownloadOf(document);

        events.send(twice);
        events.send(twice);
        events.send(after);

        // same key, same partition: once the later event is stored, both copies have been seen
        await().atMost(PATIENCE).until(() -> processed(after.eventId()));
        assertThat(settledCountsOf(document).counted()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ? and series_id = (select series_id from counting_series where live)", Long.class,
                twice.eventId())).isEqualTo(1);
    }

    @Test
    void givenSameEventOnEveryPartition_whenConsumed_thenCountedOnce() {
        String document = newDocumentId();
        DownloadRequested everywhere = fullDownloadOf(document);
        double duplicatesBefore = duplicates();

        for (int partition = 0; partition < 3; partition++) {
            events.sendToPartition(partition, everywhere);
        }

        // no order across partitions: wait until two copies were seen as duplicates
        await().atMost(PATIENCE).until(() -> duplicates() - duplicatesBefore >= 2);
        assertThat(settledCountsOf(document).counted()).isEqualTo(1);
    }

    @Test
    void givenRangeFromByte500_whenConsumed_thenExcludedWithItsReasonAndReconciled() {
        String document = newDocumentId();
        DownloadRequested last = headOf(document);

        events.send(fullDownloadOf(document));
        events.send(rangeOf(document, 500, 999));
        events.send(last);

        await().atMost(PATIENCE).until(() -> processed(last.eventId()));
        assertThat(settledCountsOf(document).counted()).isEqualTo(1);
        Map<?, ?> detail = json.readValue(get("/api/counts/" + document).body(), Map.class);
        assertThat(detail.get("counted")).isEqualTo(1);
        assertThat(detail.get("excluded")).isEqualTo(2);
        assertThat(detail.get("rawEvents")).isEqualTo(3);
        assertThat(detail.get("exclusions")).isEqualTo(Map.of("range-not-from-start", 1, "not-a-get", 1));
        assertThat(detail.get("policyVersion")).isEqualTo("1.0");
    }

    @Test
    void givenPoisonMessages_whenConsumed_thenDeadLetteredAndLaterEventsStillCounted() {
        String document = newDocumentId();
        byte[] unreadable = "{\"eventId\": \"half a message".getBytes(StandardCharsets.UTF_8);
        byte[] unknownType = "{\"documentId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        double deadLetteredBefore = deadLettered();

        events.sendRaw(document, DownloadRequested.TYPE, "poison-" + document, unreadable);
        events.sendRaw(document, "DownloadForecast", "unknown-" + document, unknownType);
        events.send(fullDownloadOf(document));
        events.send(fullDownloadOf(document));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(settledCountsOf(document).counted()).isEqualTo(2));
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = events.readAll(CountingConfig.DOWNLOADS_DEAD_LETTERS).stream()
                    .filter(record -> document.equals(record.key()))
                    .toList();
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(unreadable, unknownType);
            assertThat(dead.get(0).headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
            assertThat(dead.get(1).headers().lastHeader("event-type").value())
                    .isEqualTo("DownloadForecast".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(deadLettered() - deadLetteredBefore).isEqualTo(2);
    }

    private boolean processed(String eventId) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ? and series_id = (select series_id from counting_series where live)", Long.class, eventId) == 1;
    }

    private double duplicates() {
        return meters.get("stats.download.events").tag("outcome", "duplicate").counter().count();
    }

    private double deadLettered() {
        return meters.get("stats.download.events.dead.lettered").counter().count();
    }
}
