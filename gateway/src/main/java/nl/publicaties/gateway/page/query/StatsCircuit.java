package nl.publicaties.gateway.page.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small circuit breaker for the optional stats call: after a run of failures the gateway stops asking a dead
 * stats service for a while (pages render at once without counts), then lets one request through to see
 * whether it is back.
 */
public final class StatsCircuit {

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<Instant> openUntil = new AtomicReference<>(Instant.MIN);

    public StatsCircuit(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** False while open; once the open period is over one caller gets through (half-open). */
    public boolean allowsCall() {
        Instant until = openUntil.get();
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            return false;
        }
        if (consecutiveFailures.get() >= failureThreshold) {
            // half-open: let exactly one trial through, hold the others back for another period
            return openUntil.compareAndSet(until, now.plus(openFor));
        }
        return true;
    }

    public void recordSuccess() {
        consecutiveFailures.set(0);
        openUntil.set(Instant.MIN);
    }

    public void recordFailure() {
        if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
            openUntil.set(clock.instant().plus(openFor));
        }
    }

    public boolean isOpen() {
        return clock.instant().isBefore(openUntil.get());
    }
}
