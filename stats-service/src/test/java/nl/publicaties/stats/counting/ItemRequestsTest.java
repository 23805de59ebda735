package nl.publicaties.stats.counting;

import static nl.publicaties.stats.counting.DoubleClickFilterTest.at;
import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.clickAt;
import static nl.publicaties.stats.support.DownloadRequestedMother.headOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.rangeOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.withUserAgent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.publicaties.contracts.download.DownloadRequested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Total_Item_Requests, Unique_Item_Requests and the reconciliation raw = counted + excluded. */
class ItemRequestsTest {

    private static final String SUMMARY_2022 = "3f0e9c7a-2b1d-5c4e-8a6f-1d2e3f4a5b6c";
    private final CountingPolicy policy = new CountingPolicies().get(CountingPolicies.V1);

    @Test
    void givenOneVisitorTwiceInOneHour_whenCounted_thenTwoTotalOneUnique() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:01:00")), clickAt(MONITOR_2022, "v-a", at("10:40:00"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(2);
        assertThat(ledger.uniqueItemRequests()).isEqualTo(1);
    }

    @Test
    void givenOneVisitorInTwoHourSlices_whenCounted_thenTwoUnique() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:59:00")), clickAt(MONITOR_2022, "v-a", at("11:01:00"))));

        assertThat(ledger.uniqueItemRequests()).isEqualTo(2);
    }

    @Test
    void givenADoubleClickAcrossTheHour_whenCounted_thenTheSessionOfTheKeptClickHasTheUniqueRequest() {
        InMemoryLedger ledger = new InMemoryLedger(policy);
        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:59:50"))));
        assertThat(ledger.uniqueItemRequests()).isEqualTo(1);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("11:00:10"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
        assertThat(ledger.uniqueItemRequests()).isEqualTo(1);
    }

    @Test
    void givenTwoDocumentsBySameVisitor_whenCounted_thenOneUniquePerDocument() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:01:00")), clickAt(SUMMARY_2022, "v-a", at("10:01:05"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(2);
        assertThat(ledger.uniqueItemRequests()).isEqualTo(2);
        assertThat(ledger.uniqueOn(UUID.fromString(MONITOR_2022), LocalDate.of(2026, 11, 20))).isEqualTo(1);
    }

    @Test
    void givenEveryKindOfEvent_whenCounted_thenRawIsCountedPlusExcludedByReason() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:01:00")), clickAt(MONITOR_2022, "v-a", at("10:01:10")),
                headOf(MONITOR_2022), rangeOf(MONITOR_2022, 500, 999), withUserAgent(MONITOR_2022, "curl/8.5.0"),
                rangeOf(MONITOR_2022, 0, 499)));

        assertThat(ledger.rawEvents()).isEqualTo(6);
        assertThat(ledger.totalItemRequests()).isEqualTo(2);
        assertThat(ledger.total("double-click")).isEqualTo(1);
        assertThat(ledger.total("not-a-get")).isEqualTo(1);
        assertThat(ledger.total("range-not-from-start")).isEqualTo(1);
        assertThat(ledger.total("robot")).isEqualTo(1);
    }

    @Test
    void givenRobotClicksCloseToAHumanClick_whenCounted_thenTheyDoNotMakeItADoubleClick() {
        InMemoryLedger ledger = new InMemoryLedger(policy);
        DownloadRequested human = clickAt(MONITOR_2022, "v-a", at("10:01:00"));
        DownloadRequested robot = withUserAgent(clickAt(MONITOR_2022, "v-a", at("10:01:10")), "curl/8.5.0");

        ledger.apply(List.of(human, robot));

        assertThat(ledger.outcomeOf(human.eventId())).isEqualTo("counted");
    }

    /**
     * The exactness property: whatever the order of arrival, the batching and the duplicates (redelivery,
     * producer retries, several partitions), the figures and every event's outcome are the same as when all
     * events arrive once, in time order.
     */
    @RepeatedTest(25)
    void givenShuffledDuplicatedEventsInRandomBatches_whenCounted_thenFiguresEqualThoseOfOrderedDelivery() {
        Random random = new Random();
        List<DownloadRequested> events = realisticDay(random);
        InMemoryLedger ordered = new InMemoryLedger(policy);
        ordered.apply(events.stream().sorted((a, b) -> a.occurredAt().compareTo(b.occurredAt())).toList());

        List<DownloadRequested> delivered = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 3; i++) {
            delivered.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(delivered, random);
        InMemoryLedger shuffled = new InMemoryLedger(policy);
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(20));
            shuffled.apply(delivered.subList(from, to));
            from = to;
        }

        assertThat(shuffled.figures()).isEqualTo(ordered.figures());
        assertThat(shuffled.rawEvents()).isEqualTo(events.size());
        assertThat(shuffled.totalItemRequests()).isEqualTo(bruteForceTotal(events));
    }

    /** Few visitors, few documents, clicks seconds to minutes apart: many double clicks and sessions. */
    private List<DownloadRequested> realisticDay(Random random) {
        List<String> documents = List.of(MONITOR_2022, SUMMARY_2022);
        List<DownloadRequested> events = new ArrayList<>();
        Instant start = at("09:50:00");
        for (int i = 0; i < 150; i++) {
            Instant when = start.plus(Duration.ofSeconds(random.nextInt(3 * 3600)));
            DownloadRequested click = clickAt(documents.get(random.nextInt(2)), "v-" + random.nextInt(4), when);
            int kind = random.nextInt(10);
            events.add(switch (kind) {
                case 0 -> withUserAgent(click, "Mozilla/5.0 (compatible; Googlebot/2.1)");
                case 1 -> new DownloadRequested(click.eventId(), click.documentId(), click.editionId(), when, "HEAD", 200,
                        null, null, 0, click.userAgent(), click.visitorKey(), click.instance());
                default -> click;
            });
        }
        return events;
    }

    /** The rule as written: a candidate click counts unless the same visitor clicks the same document within 30 s after it. */
    private long bruteForceTotal(List<DownloadRequested> events) {
        List<DownloadRequested> candidates = events.stream().filter(e -> policy.evaluate(e).counted()).toList();
        return candidates.stream().filter(e -> candidates.stream().noneMatch(later -> later != e
                && later.documentId().equals(e.documentId()) && later.visitorKey().equals(e.visitorKey())
                && (later.occurredAt().isAfter(e.occurredAt())
                    || later.occurredAt().equals(e.occurredAt()) && later.eventId().compareTo(e.eventId()) > 0)
                && !later.occurredAt().isAfter(e.occurredAt().plusSeconds(30)))).count();
    }
}
