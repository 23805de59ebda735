package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import nl.publicaties.download.delivery.web.Preconditions.Outcome;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static final String ETAG = "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"";
    private static final Instant MODIFIED = Instant.parse("2022-11-01T10:15:30.750Z");
    private static final String MODIFIED_DATE = "Tue, 01 Nov 2022 10:15:30 GMT";

    private final Preconditions preconditions = new Preconditions(ETAG, MODIFIED);

    @Test
    void givenNoConditionalHeaders_whenEvaluating_thenProceed() {
        assertThat(preconditions.evaluate(null, null, null, null)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void givenLastModified_whenFormatted_thenImfFixdateWithoutMillis() {
        assertThat(Preconditions.httpDate(MODIFIED)).isEqualTo(MODIFIED_DATE);
    }

    @Test
    void givenMatchingIfNoneMatch_whenEvaluating_thenNotModified() {
        assertThat(preconditions.evaluate(null, null, ETAG, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, "\"other\", W/" + ETAG, null)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, "*", null)).isEqualTo(Outcome.NOT_MODIFIED);
    }

    @Test
    void givenOtherIfNoneMatch_whenEvaluating_thenProceedEvenIfModifiedSinceWouldMatch() {
        assertThat(preconditions.evaluate(null, null, "\"other\"", MODIFIED_DATE)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void givenIfModifiedSince_whenNotModifiedAfterIt_thenNotModified() {
        assertThat(preconditions.evaluate(null, null, null, MODIFIED_DATE)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, null, "Wed, 02 Nov 2022 00:00:00 GMT"))
                .isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, null, "Mon, 31 Oct 2022 00:00:00 GMT"))
                .isEqualTo(Outcome.PROCEED);
        assertThat(preconditions.evaluate(null, null, null, "yesterday")).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void givenIfMatch_whenNoStrongMatch_thenPreconditionFailed() {
        assertThat(preconditions.evaluate(ETAG, null, null, null)).isEqualTo(Outcome.PROCEED);
        assertThat(preconditions.evaluate("W/" + ETAG, null, null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(preconditions.evaluate("\"other\"", null, null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
    }

    @Test
    void givenIfUnmodifiedSince_whenModifiedAfterIt_thenPreconditionFailed() {
        assertThat(preconditions.evaluate(null, "Mon, 31 Oct 2022 00:00:00 GMT", null, null))
                .isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(preconditions.evaluate(null, MODIFIED_DATE, null, null)).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void givenIfRange_whenValidatorStillCurrent_thenRangeApplies() {
        assertThat(preconditions.rangeStillApplies(null)).isTrue();
        assertThat(preconditions.rangeStillApplies(ETAG)).isTrue();
        assertThat(preconditions.rangeStillApplies(MODIFIED_DATE)).isTrue();
    }

    @Test
    void givenIfRange_whenValidatorChangedOrWeak_thenWholeFile() {
        assertThat(preconditions.rangeStillApplies("\"other\"")).isFalse();
        assertThat(preconditions.rangeStillApplies("W/" + ETAG)).isFalse();
        assertThat(preconditions.rangeStillApplies("Mon, 31 Oct 2022 00:00:00 GMT")).isFalse();
        assertThat(preconditions.rangeStillApplies("garbage")).isFalse();
    }
}
