package nl.publicaties.download.delivery.web;

import java.time.Clock;
import java.time.Instant;

/**
 * The {@code Date} header (RFC 9110 §6.6.1: an origin server with a clock sends it), formatted once per second
 * rather than once per response.
 */
final class HttpDates {

    private record Formatted(long second, String value) {
    }

    private final Clock clock;
    private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    HttpDates(Clock clock) {
        this.clock = clock;
    }

    String now() {
        long second = Math.floorDiv(clock.millis(), 1000);
        Formatted known = last;
        if (known.second() == second) {
            return known.value();
        }
        Formatted fresh = new Formatted(second, Preconditions.httpDate(Instant.ofEpochSecond(second)));
        last = fresh;
        return fresh.value();
    }
}
