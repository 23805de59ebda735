package nl.publicaties.stats.counting;

import static nl.publicaties.stats.support.DownloadRequestedMother.MONITOR_2022;
import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.headOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.notModifiedOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.rangeOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.withStatus;
import static nl.publicaties.stats.support.DownloadRequestedMother.withUserAgent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountingPolicyTest {

    private static final CountingPolicies POLICIES = new CountingPolicies();
    private final CountingPolicy policy = POLICIES.get(CountingPolicies.V1);

    @Test
    void givenPolicyV1_whenAskedForItsRules_thenRobotsOf20190806AndThirtySecondDoubleClickWindow() {
        assertThat(policy.version()).isEqualTo("1.0");
        assertThat(policy.robots()).hasValueSatisfying(robots -> assertThat(robots.version()).isEqualTo("2019-08-06"));
        assertThat(policy.doubleClickWindow()).contains(Duration.ofSeconds(30));
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
        assertThat(policy.evaluate(withStatus(MONITOR_2022, 206)).exclusion()).isEqualTo(ExclusionReason.RANGE_NOT_FROM_START);
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

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "curl/8.5.0",
            "Wget/1.21.4",
            "python-requests/2.31.0",
            "Java-http-client/17.0.12",
            "Apache-HttpClient/4.5.14 (Java/17.0.12)",
            "facebookexternalhit/1.1",
            "Mozilla/5.0 (compatible; YandexBot/3.0)",
            "Scrapy/2.11.0 (+https://scrapy.org)",
            "",
            "x"})
    void givenRobotUserAgent_whenEvaluated_thenExcludedAsRobot(String userAgent) {
        assertThat(policy.evaluate(withUserAgent(MONITOR_2022, userAgent)).exclusion()).isEqualTo(ExclusionReason.ROBOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"})
    void givenBrowserUserAgent_whenEvaluated_thenCounted(String userAgent) {
        assertThat(policy.evaluate(withUserAgent(MONITOR_2022, userAgent))).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void givenNoUserAgent_whenEvaluated_thenExcludedAsRobotLikeTheEmptyAgent() {
        assertThat(policy.evaluate(withUserAgent(MONITOR_2022, null)).exclusion()).isEqualTo(ExclusionReason.ROBOT);
    }

    @Test
    void givenRobotHead_whenEvaluated_thenTheMethodIsTheReason() {
        var head = headOf(MONITOR_2022);
        var robotHead = new nl.publicaties.contracts.download.DownloadRequested(head.eventId(), head.documentId(),
                head.editionId(), head.occurredAt(), "HEAD", 200, null, null, 0, "curl/8.5.0", head.visitorKey(), head.instance());

        assertThat(policy.evaluate(robotHead).exclusion()).isEqualTo(ExclusionReason.NOT_A_GET);
    }

    @Test
    void givenPolicy01_whenRobotDownloads_thenCountedBecauseThatPolicyHadNoRobotFilter() {
        CountingPolicy old = POLICIES.get(CountingPolicies.V0_1);

        assertThat(old.evaluate(withUserAgent(MONITOR_2022, "curl/8.5.0"))).isEqualTo(Outcome.COUNTED);
        assertThat(old.doubleClickWindow()).isEmpty();
    }

    @Test
    void givenShippedRobotList_whenLoaded_thenEveryPatternCompilesAndTheListIsComplete() {
        assertThat(RobotList.load("2019-08-06").size()).isEqualTo(285);
    }

    @Test
    void givenCountedOutcome_whenCoded_thenCodeIsCounted() {
        assertThat(Outcome.COUNTED.code()).isEqualTo("counted");
    }
}
