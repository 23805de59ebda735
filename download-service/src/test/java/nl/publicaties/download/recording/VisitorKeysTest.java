package nl.publicaties.download.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import nl.publicaties.download.MutableClock;
import org.junit.jupiter.api.Test;

class VisitorKeysTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private final MutableClock clock = new MutableClock("2026-11-28T10:00:00Z");
    private final VisitorKeys keys = new VisitorKeys(clock);

    @Test
    void givenSameVisitorOnSameDay_whenKeying_thenSameKey() {
        String morning = keys.keyFor("203.0.113.7", FIREFOX);
        clock.set("2026-11-28T23:59:59Z");
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
        clock.set("2026-11-29T00:00:00Z");
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(today);
    }

    @Test
    void givenADownloadJustBeforeMidnight_whenItsKeyIsMadeJustAfter_thenTheKeyOfTheDayItsEventSays() {
        java.time.Instant lastMoment = java.time.Instant.parse("2026-11-28T23:59:59.999Z");
        clock.set("2026-11-28T23:59:59.999Z");
        String thatDay = keys.keyFor("203.0.113.7", FIREFOX);
        clock.set("2026-11-29T00:00:00.001Z");

        assertThat(keys.keyFor(lastMoment, "203.0.113.7", FIREFOX)).isEqualTo(thatDay);
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(thatDay);
    }

    @Test
    void givenTwoInstancesWithTheSharedSecret_whenKeyingSameVisitor_thenSameKey() {
        VisitorKeys other = new VisitorKeys(clock);
        byte[] secret = secret(7);
        keys.adopt(keys.today(), secret);
        other.adopt(other.today(), secret.clone());

        assertThat(other.keyFor("203.0.113.7", FIREFOX)).isEqualTo(keys.keyFor("203.0.113.7", FIREFOX));
        assertThat(keys.isShared(keys.today())).isTrue();
    }

    @Test
    void givenNoSharedSecretYet_whenKeying_thenAKeyOfItsOwnThatNoOtherInstanceMakes() {
        VisitorKeys other = new VisitorKeys(clock);

        assertThat(other.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(keys.keyFor("203.0.113.7", FIREFOX));
        assertThat(keys.isShared(keys.today())).isFalse();
    }

    @Test
    void givenAnOwnSecret_whenTheSharedOneArrives_thenKeysAreMadeWithTheSharedOne() {
        String alone = keys.keyFor("203.0.113.7", FIREFOX);
        VisitorKeys other = new VisitorKeys(clock);
        other.adopt(other.today(), secret(7));

        keys.adopt(keys.today(), secret(7));

        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(alone)
                .isEqualTo(other.keyFor("203.0.113.7", FIREFOX));
    }

    @Test
    void givenTomorrowsSecretAdoptedBeforeMidnight_whenTheDayTurns_thenTodaysKeysStayAndTomorrowUsesIt() {
        keys.adopt(keys.today(), secret(1));
        String today = keys.keyFor("203.0.113.7", FIREFOX);
        keys.adopt(keys.today().plusDays(1), secret(2));
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isEqualTo(today);

        clock.set("2026-11-29T00:00:00Z");
        VisitorKeys other = new VisitorKeys(clock);
        other.adopt(other.today(), secret(2));
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isEqualTo(other.keyFor("203.0.113.7", FIREFOX))
                .isNotEqualTo(today);
        assertThat(keys.isShared(keys.today())).isTrue();
    }

    @Test
    void givenYesterdaysSecretForgotten_whenAskedForIt_thenItIsGoneAndItsKeysCannotBeMadeAgain() {
        keys.adopt(keys.today(), secret(1));
        String yesterday = keys.keyFor("203.0.113.7", FIREFOX);
        clock.set("2026-11-29T00:00:05Z");
        keys.adopt(keys.today(), secret(2));

        keys.forgetBefore(keys.today());

        assertThat(keys.oldestDay()).contains(keys.today());
        assertThat(keys.isShared(keys.today().minusDays(1))).isFalse();
        clock.set("2026-11-28T23:59:59Z"); // a clock set back finds no secret: a new one, no link
        assertThat(keys.keyFor("203.0.113.7", FIREFOX)).isNotEqualTo(yesterday);
    }

    @Test
    void givenASecretOfTheWrongSize_whenAdopted_thenRefused() {
        assertThatThrownBy(() -> keys.adopt(keys.today(), new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static byte[] secret(int seed) {
        byte[] bytes = new byte[VisitorKeys.SECRET_BYTES];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    @Test
    void givenMissingUserAgent_whenKeying_thenStillAKey() {
        assertThat(keys.keyFor("203.0.113.7", null)).hasSize(22);
    }
}
