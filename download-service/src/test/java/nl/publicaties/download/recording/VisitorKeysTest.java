package nl.publicaties.download.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VisitorKeysTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final VisitorKeys keys = new VisitorKeys(clock);

    @Test
    void givenSameVisitorOnSameDay_whenKeying_thenSameKey() {
        String morning = keys.keyFor("203.0.113.7", FIREFOX);
        clock.now = Instant.parse("2026-11-28T23:59:59Z");
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isEqualTo(morning);
    }

    @Test
    void givenKey_whenInspected_thenShortUrlSafeAndWithoutTheAddress() {
        String key = keys.keyFor("203.0.113.7", FIREFOX);
        assertThat(key).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotContain("203").doesNotContain("113");
    }

    @Test
    void givenOtherAddressOrUserAgent_whenKeying_thenOtherKey() {
        String key = keys.keyFor("203.0.113.7", FIREFOX);
        assertThat(keys.keyFor("203.0.113.8", FIREFOX)).isNotEqualTo(key);
        assertThat(keys.keyFor("203.0.113.7", "curl/8.5.0")).isNotEqualTo(key);
        assertThat(keys.keyFor("ab", "c")).isNotEqualTo(keys.keyFor("a", "bc"));
    }

    @Test
    void givenNextUtcDay_whenKeying_thenKeyCannotBeLinkedToYesterday() {
        String today = keys.keyFor("203.0.113.7", FIREFOX);
        clock.now = Instant.parse("2026-11-29T00:00:00Z");
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(today);
    }

    @Test
    void givenTwoInstances_whenKeyingSameVisitor_thenSecretsAreIndependent() {
        assertThat(new VisitorKeys(clock).keyFor("203.0.113.7", FIREFOX))
                .isNotEqualTo(keys.keyFor("203.0.113.7", FIREFOX));
    }

    @Test
    void givenMissingUserAgent_whenKeying_thenStillAKey() {
        assertThat(keys.keyFor("203.0.113.7", null)).hasSize(22);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        private MutableClock(Instant now) {
            this.now = now;
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
}
