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
    void givenTheObsoleteDateForms_whenEvaluating_thenReadAsTheDateTheyName() {
        Instant rfcExample = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(Preconditions.parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(rfcExample);
        assertThat(Preconditions.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(rfcExample);
        assertThat(Preconditions.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(rfcExample);

        assertThat(preconditions.evaluate(null, null, null, "Tuesday, 01-Nov-22 10:15:30 GMT"))
                .isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, null, "Tue Nov  1 10:15:30 2022")).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(preconditions.evaluate(null, null, null, "Monday, 31-Oct-22 00:00:00 GMT")).isEqualTo(Outcome.PROCEED);
        assertThat(preconditions.rangeStillApplies("Tuesday, 01-Nov-22 10:15:30 GMT")).isTrue();
    }

    @Test
    void givenIfRangeWithTheLastModifiedDate_whenThatDateIsNoStrongValidator_thenTheWholeFile() {
        assertThat(preconditions.rangeStillApplies(MODIFIED_DATE)).isTrue();
        assertThat(new Preconditions(ETAG, MODIFIED, false).rangeStillApplies(MODIFIED_DATE)).isFalse();
        assertThat(new Preconditions(ETAG, MODIFIED, false).rangeStillApplies(ETAG)).isTrue();
    }

    @Test
    void givenMalformedDates_whenParsed_thenNone() {
        assertThat(Preconditions.parseDate("Sunday, 06-Nov-94 25:49:37 GMT")).isNull();
        assertThat(Preconditions.parseDate("Sun Nov 31 08:49:37 1994")).isNull();
        assertThat(Preconditions.parseDate("Sun, 06-Nov-1994 08:49:37 GMT")).isNull();
        assertThat(Preconditions.parseDate("")).isNull();
    }

    @Test
    void givenATwoDigitYear_whenMoreThan50YearsAhead_thenTheMostRecentPastYearWithThoseDigits() {
        assertThat(Preconditions.twoDigitYear(26, 2026)).isEqualTo(2026);
        assertThat(Preconditions.twoDigitYear(76, 2026)).isEqualTo(2076);
        assertThat(Preconditions.twoDigitYear(77, 2026)).isEqualTo(1977);
        assertThat(Preconditions.twoDigitYear(94, 2026)).isEqualTo(1994);
        assertThat(Preconditions.twoDigitYear(3, 2099)).isEqualTo(2103);
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
