package nl.publicaties.gateway.page.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatsCircuitTest {

    private final MutableClock clock = new MutableClock();
    private final StatsCircuit circuit = new StatsCircuit(3, Duration.ofSeconds(10), clock);

    @Test
    void givenThreeFailures_whenAsked_thenOpenAndNoCallsUntilThePeriodIsOver() {
        circuit.recordFailure();
        circuit.recordFailure();
        assertTrue(circuit.allowsCall());
        circuit.recordFailure();

        assertFalse(circuit.allowsCall());
        clock.advance(Duration.ofSeconds(9));
        assertFalse(circuit.allowsCall());
    }

    @Test
    void givenOpenPeriodOver_whenAsked_thenExactlyOneTrialThenClosedAgainOnSuccess() {
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure();
        }
        clock.advance(Duration.ofSeconds(11));

        assertTrue(circuit.allowsCall());
        assertFalse(circuit.allowsCall());
        circuit.recordSuccess();
        assertTrue(circuit.allowsCall());
        assertFalse(circuit.isOpen());
    }

    @Test
    void givenTrialFails_whenAsked_thenOpenAgain() {
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure();
        }
        clock.advance(Duration.ofSeconds(11));
        assertTrue(circuit.allowsCall());

        circuit.recordFailure();

        assertTrue(circuit.isOpen());
        assertFalse(circuit.allowsCall());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T04:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
