package nl.publicaties.stats.counting;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.headOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.notModifiedOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.rangeOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountingPolicyTest {

    private final CountingPolicy policy = new CountingPolicy();

    @Test
    void givenPolicy_whenAskedForItsVersion_thenItIsZeroPointOne() {
        assertThat(policy.version()).isEqualTo("0.1");
    }

    @Test
    void givenGetAnswered200_whenEvaluated_thenCounted() {
        assertThat(policy.evaluate(fullDownloadOf(MONITOR_2022))).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void givenGetAnswered304_whenEvaluated_thenCounted() {
        assertThat(policy.evaluate(notModifiedOf(MONITOR_2022)).counted()).isTrue();
    }

    @Test
    void givenRangeFromByteZero_whenEvaluated_thenCounted() {
        assertThat(policy.evaluate(rangeOf(MONITOR_2022, 0, 499)).counted()).isTrue();
    }

    @Test
    void givenRangeFromByte500_whenEvaluated_thenExcludedAsRangeNotFromStart() {
        Outcome outcome = policy.evaluate(rangeOf(MONITOR_2022, 500, 999));

        assertThat(outcome.counted()).isFalse();
        assertThat(outcome.exclusion()).isEqualTo(ExclusionReason.RANGE_NOT_FROM_START);
        assertThat(outcome.code()).isEqualTo("range-not-from-start");
    }

    @Test
    void givenPartialContentWithoutRangeStart_whenEvaluated_thenExcludedAsRangeNotFromStart() {
        Outcome outcome = policy.evaluate(withStatus(MONITOR_2022, 206));

        assertThat(outcome.exclusion()).isEqualTo(ExclusionReason.RANGE_NOT_FROM_START);
    }

    @Test
    void givenHead_whenEvaluated_thenExcludedAsNotAGet() {
        assertThat(policy.evaluate(headOf(MONITOR_2022)).exclusion()).isEqualTo(ExclusionReason.NOT_A_GET);
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 301, 404, 410, 416, 500})
    void givenOtherStatus_whenEvaluated_thenExcludedAsStatusNotCounted(int status) {
        assertThat(policy.evaluate(withStatus(MONITOR_2022, status)).code()).isEqualTo("status-not-counted");
    }

    @Test
    void givenCountedOutcome_whenCoded_thenCodeIsCounted() {
        assertThat(Outcome.COUNTED.code()).isEqualTo("counted");
    }
}
