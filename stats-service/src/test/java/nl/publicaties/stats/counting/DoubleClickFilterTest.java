package nl.publicaties.stats.counting;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.clickAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nl.publicaties.contracts.download.DownloadRequested;
import org.junit.jupiter.api.Test;

/** COUNTER R5.1 section 7.3, with the worked examples of the Code of Practice. */
class DoubleClickFilterTest {

    private static final String VISITOR = "v-5e1f0a2b";
    private final CountingPolicy policy = new CountingPolicies().get(CountingPolicies.V1);

    @Test
    void givenClicksAt100100And100129_whenCounted_thenOneActionTheLaterKept() {
        DownloadRequested first = clickAt(MONITOR_2022, VISITOR, at("10:01:00"));
        DownloadRequested second = clickAt(MONITOR_2022, VISITOR, at("10:01:29"));
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(first, second));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
        assertThat(ledger.outcomeOf(first.eventId())).isEqualTo("double-click");
        assertThat(ledger.outcomeOf(second.eventId())).isEqualTo("counted");
    }

    @Test
    void givenClicksAt100100And100135_whenCounted_thenTwoActions() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, VISITOR, at("10:01:00")), clickAt(MONITOR_2022, VISITOR, at("10:01:35"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(2);
        assertThat(ledger.total("double-click")).isZero();
    }

    @Test
    void givenClicksExactlyThirtySecondsApart_whenCounted_thenOneActionBecauseTheWindowIncludesItsEnd() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, VISITOR, at("10:01:00")), clickAt(MONITOR_2022, VISITOR, at("10:01:30"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
    }

    @Test
    void givenClicksEvery20SecondsForAMinute_whenCounted_thenOneActionBecauseTheWindowSlides() {
        InMemoryLedger ledger = new InMemoryLedger(policy);
        DownloadRequested last = clickAt(MONITOR_2022, VISITOR, at("10:02:00"));

        ledger.apply(List.of(clickAt(MONITOR_2022, VISITOR, at("10:01:00")), clickAt(MONITOR_2022, VISITOR, at("10:01:20")),
                clickAt(MONITOR_2022, VISITOR, at("10:01:40")), last));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
        assertThat(ledger.total("double-click")).isEqualTo(3);
        assertThat(ledger.outcomeOf(last.eventId())).isEqualTo("counted");
    }

    @Test
    void givenTheLaterClickArrivesFirst_whenTheEarlierArrivesInALaterBatch_thenStillOneActionTheLaterKept() {
        DownloadRequested first = clickAt(MONITOR_2022, VISITOR, at("10:01:00"));
        DownloadRequested second = clickAt(MONITOR_2022, VISITOR, at("10:01:29"));
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(second));
        ledger.apply(List.of(first));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
        assertThat(ledger.outcomeOf(first.eventId())).isEqualTo("double-click");
    }

    @Test
    void givenTheEarlierClickCountedAlready_whenTheLaterArrives_thenTheEarlierBecomesADoubleClickAndRawReconciles() {
        DownloadRequested first = clickAt(MONITOR_2022, VISITOR, at("10:01:00"));
        InMemoryLedger ledger = new InMemoryLedger(policy);
        ledger.apply(List.of(first));
        assertThat(ledger.totalItemRequests()).isEqualTo(1);

        ledger.apply(List.of(clickAt(MONITOR_2022, VISITOR, at("10:01:29"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(1);
        assertThat(ledger.total("double-click")).isEqualTo(1);
        assertThat(ledger.rawEvents()).isEqualTo(ledger.totalItemRequests() + ledger.total("double-click"));
    }

    @Test
    void givenTwoVisitorsWithinThirtySeconds_whenCounted_thenTwoActions() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, "v-a", at("10:01:00")), clickAt(MONITOR_2022, "v-b", at("10:01:10"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(2);
    }

    @Test
    void givenClicksWithoutVisitorKey_whenCounted_thenEachIsItsOwnVisitor() {
        InMemoryLedger ledger = new InMemoryLedger(policy);

        ledger.apply(List.of(clickAt(MONITOR_2022, null, at("10:01:00")), clickAt(MONITOR_2022, null, at("10:01:10"))));

        assertThat(ledger.totalItemRequests()).isEqualTo(2);
    }

    @Test
    void givenTwoClicksAtTheSameInstant_whenCounted_thenOneActionWhateverTheOrder() {
        DownloadRequested a = clickAt(MONITOR_2022, VISITOR, at("10:01:00"));
        DownloadRequested b = clickAt(MONITOR_2022, VISITOR, at("10:01:00"));
        InMemoryLedger forward = new InMemoryLedger(policy);
        InMemoryLedger backward = new InMemoryLedger(policy);

        forward.apply(List.of(a));
        forward.apply(List.of(b));
        backward.apply(List.of(b));
        backward.apply(List.of(a));

        assertThat(forward.totalItemRequests()).isEqualTo(1);
        assertThat(forward.figures()).isEqualTo(backward.figures());
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-20T" + time + "Z");
    }
}
