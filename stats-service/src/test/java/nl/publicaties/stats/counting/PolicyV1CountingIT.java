package nl.publicaties.stats.counting;

import static nl.publicaties.stats.counting.DoubleClickFilterTest.at;
import static nl.publicaties.stats.support.DownloadRequestedMother.clickAt;
import static nl.publicaties.stats.support.DownloadRequestedMother.newDocumentId;
import static nl.publicaties.stats.support.DownloadRequestedMother.withUserAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Counting policy 1.0 through the real broker and database: the SQL ledger against the rules. */
class PolicyV1CountingIT extends StatsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenWorkedExampleClicksArrivingLaterOneFirstOnAnotherPartition_whenCounted_thenOneActionTheLaterKept() {
        String document = newDocumentId();
        DownloadRequested first = clickAt(document, "v-worked", at("10:01:00"));
        DownloadRequested second = clickAt(document, "v-worked", at("10:01:29"));
        DownloadRequested third = clickAt(document, "v-worked", at("10:02:04"));

        try (DownloadEvents events = downloadEvents()) {
            events.sendToPartition(2, second);
            events.sendToPartition(0, first);
            events.sendToPartition(1, first);
            events.sendToPartition(1, third);
        }

        await().atMost(PATIENCE).until(() -> rawEvents(document) == 3 && outcome(first).equals("double-click"));
        assertThat(settledCountsOf(document).counted()).isEqualTo(2);
        assertThat(outcome(second)).isEqualTo("counted");
        assertThat(outcome(third)).isEqualTo("counted");
        Map<?, ?> detail = json.readValue(get("/api/counts/" + document).body(), Map.class);
        assertThat(detail.get("uniqueRequests")).isEqualTo(1);
        assertThat(detail.get("exclusions")).isEqualTo(Map.of("double-click", 1));
        assertThat(detail.get("rawEvents")).isEqualTo(3);
    }

    /**
     * The stored clicks around a new one are looked up by instant, whatever zone the JVM runs in: a JVM in
     * Europe/Amsterdam sent the window's bounds as wall-clock times without an offset, and the night the clocks go
     * back (or any night, with the database session in another zone) the window missed the first click, so a double
     * click arriving in a later batch counted twice.
     */
    @Test
    void givenTheJvmInTheDutchZone_whenADoubleClickOfTheNightTheClocksGoBackArrivesInTwoBatches_thenCountedOnce() {
        String document = newDocumentId();
        DownloadRequested first = clickAt(document, "v-dst", Instant.parse("2026-10-25T00:20:00Z"));
        DownloadRequested second = clickAt(document, "v-dst", Instant.parse("2026-10-25T00:20:10Z"));
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Amsterdam"));
        try {
            try (DownloadEvents events = downloadEvents()) {
                events.send(first);
            }
            await().atMost(PATIENCE).until(() -> rawEvents(document) == 1);
            try (DownloadEvents events = downloadEvents()) {
                events.send(second);
            }
            await().atMost(PATIENCE).until(() -> rawEvents(document) == 2);
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
        assertThat(settledCountsOf(document).counted()).isEqualTo(1);
        assertThat(outcome(first)).isEqualTo("double-click");
    }

    @Test
    void givenRobotDownload_whenCounted_thenExcludedAsRobot() {
        String document = newDocumentId();
        DownloadRequested robot = withUserAgent(document, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");

        try (DownloadEvents events = downloadEvents()) {
            events.send(robot);
        }

        await().atMost(PATIENCE).until(() -> rawEvents(document) == 1);
        assertThat(outcome(robot)).isEqualTo("robot");
        assertThat(settledCountsOf(document).counted()).isZero();
    }

    /**
     * Sessions are derived from the ledger: a late click that turns the only counted click of an hour slice into a
     * double click across the hour boundary ends that session; one with another counted click in the hour stays.
     */
    @Test
    void givenDoubleClickAcrossHourBoundaryArrivingLate_whenCounted_thenSessionsFollowTheCountedClicks() {
        String document = newDocumentId();
        DownloadRequested aBefore = clickAt(document, "v-hour-a", at("10:59:50"));
        DownloadRequested aAfter = clickAt(document, "v-hour-a", at("11:00:10"));
        DownloadRequested bEarly = clickAt(document, "v-hour-b", at("10:20:00"));
        DownloadRequested bBefore = clickAt(document, "v-hour-b", at("10:59:50"));
        DownloadRequested bAfter = clickAt(document, "v-hour-b", at("11:00:10"));

        try (DownloadEvents events = downloadEvents()) {
            events.send(aBefore);
            events.send(bEarly);
            events.send(bBefore);
        }
        await().atMost(PATIENCE).until(() -> rawEvents(document) == 3);
        assertThat(settledCountsOf(document).counted()).isEqualTo(3);
        assertThat(uniqueRequests(document)).isEqualTo(2);

        try (DownloadEvents events = downloadEvents()) {
            events.send(bAfter);
            events.send(aAfter);
            events.send(aBefore);
        }
        await().atMost(PATIENCE).until(() -> rawEvents(document) == 5);
        assertThat(outcome(aBefore)).isEqualTo("double-click");
        assertThat(outcome(bBefore)).isEqualTo("double-click");
        assertThat(settledCountsOf(document).counted()).isEqualTo(3);
        assertThat(uniqueRequests(document)).isEqualTo(3);
        InMemoryLedger expected = new InMemoryLedger(new CountingPolicies().get(CountingPolicies.V1));
        expected.apply(List.of(bEarly, aBefore, bBefore, aAfter, bAfter));
        assertThat(expected.uniqueItemRequests()).isEqualTo(3);
        Long dailyUnique = jdbc.queryForObject("""
                select coalesce(sum(d.unique_requests), 0) from document_day d join counting_series s on s.series_id = d.series_id and s.live
                where d.document_id = ?""", Long.class, UUID.fromString(document));
        assertThat(dailyUnique).isEqualTo(3);
    }

    /** The in-memory ledger applies the same rules in time order, once each: the database must agree. */
    @Test
    void givenShuffledEventsEachSentTwiceOnRandomPartitions_whenCounted_thenFiguresEqualOrderedCounting() {
        Random random = new Random();
        String document = newDocumentId();
        List<DownloadRequested> clicks = new ArrayList<>();
        Instant start = at("12:00:00");
        for (int i = 0; i < 60; i++) {
            clicks.add(clickAt(document, "v-" + random.nextInt(3), start.plusSeconds(random.nextInt(2 * 3600))));
        }
        InMemoryLedger expected = new InMemoryLedger(new CountingPolicies().get(CountingPolicies.V1));
        expected.apply(clicks.stream().sorted((a, b) -> a.occurredAt().compareTo(b.occurredAt())).toList());

        List<DownloadRequested> delivered = new ArrayList<>(clicks);
        delivered.addAll(clicks);
        Collections.shuffle(delivered, random);
        try (DownloadEvents events = downloadEvents()) {
            delivered.forEach(click -> events.sendToPartition(random.nextInt(3), click));
        }

        await().atMost(PATIENCE).until(() -> rawEvents(document) == clicks.size()
                && countsOf(document).counted() == expected.totalItemRequests()
                && uniqueRequests(document) == expected.uniqueItemRequests());
        for (DownloadRequested click : clicks) {
            assertThat(outcome(click)).as(click.toString()).isEqualTo(expected.outcomeOf(click.eventId()));
        }
        Long dailyUnique = jdbc.queryForObject("""
                select coalesce(sum(d.unique_requests), 0) from document_day d join counting_series s on s.series_id = d.series_id and s.live
                where d.document_id = ?""", Long.class, UUID.fromString(document));
        assertThat(dailyUnique).isEqualTo(expected.uniqueItemRequests());
        Long dailyExcluded = jdbc.queryForObject("""
                select coalesce(sum(events), 0) from document_day_outcome d join counting_series s on s.series_id = d.series_id and s.live
                where d.document_id = ? and outcome = 'double-click'""", Long.class, UUID.fromString(document));
        assertThat(dailyExcluded).isEqualTo(expected.total("double-click"));
    }

    private long rawEvents(String document) {
        return ((Number) json.readValue(get("/api/counts/" + document).body(), Map.class).get("rawEvents")).longValue();
    }

    private long uniqueRequests(String document) {
        return ((Number) json.readValue(get("/api/counts/" + document).body(), Map.class).get("uniqueRequests")).longValue();
    }

    private String outcome(DownloadRequested event) {
        return jdbc.queryForObject("""
                select outcome from processed_event p join counting_series s on s.series_id = p.series_id and s.live
                where event_id = ?""", String.class, event.eventId());
    }
}
