package nl.publicaties.download;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test sets by hand. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(String now) {
        this.now = Instant.parse(now);
    }

    public void set(String now) {
        this.now = Instant.parse(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
