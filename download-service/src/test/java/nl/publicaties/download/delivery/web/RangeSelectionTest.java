package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeSelectionTest {

    private static final long LENGTH = 1000;

    @Test
    void givenNoRangeHeader_whenSelecting_thenWholeFile() {
        assertThat(RangeSelection.of(null, LENGTH)).isInstanceOf(RangeSelection.Whole.class);
    }

    @Test
    void givenFirstAndLast_whenSelecting_thenThatInclusivePart() {
        assertThat(RangeSelection.of("bytes=0-99", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(0, 99)));
        assertThat(new ByteRange(0, 99).length()).isEqualTo(100);
        assertThat(new ByteRange(0, 99).contentRange(LENGTH)).isEqualTo("bytes 0-99/1000");
    }

    @Test
    void givenOpenEndedRange_whenSelecting_thenUpToTheLastByte() {
        assertThat(RangeSelection.of("bytes=900-", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(900, 999)));
    }

    @Test
    void givenLastBeyondLength_whenSelecting_thenClampedToTheLastByte() {
        assertThat(RangeSelection.of("bytes=500-99999999999999999999999", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(500, 999)));
    }

    @Test
    void givenSuffixRange_whenSelecting_thenTheLastBytes() {
        assertThat(RangeSelection.of("bytes=-100", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(900, 999)));
        assertThat(RangeSelection.of("bytes=-5000", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(0, 999)));
    }

    @Test
    void givenCaseAndWhitespaceVariants_whenSelecting_thenStillUnderstood() {
        assertThat(RangeSelection.of(" Bytes = 10-19 ", LENGTH))
                .isEqualTo(new RangeSelection.Part(new ByteRange(10, 19)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=999999999-", "bytes=1000-2000", "bytes=-0",
            "bytes=99999999999999999999999-"})
    void givenRangeBeyondTheFile_whenSelecting_thenUnsatisfiable(String header) {
        assertThat(RangeSelection.of(header, LENGTH)).isInstanceOf(RangeSelection.Unsatisfiable.class);
    }

    @Test
    void givenEmptyFile_whenARangeFromAPosition_thenUnsatisfiable_butASuffixGetsTheWholeEmptyFile() {
        assertThat(RangeSelection.of("bytes=0-", 0)).isInstanceOf(RangeSelection.Unsatisfiable.class);
        assertThat(RangeSelection.of("bytes=-10", 0)).isInstanceOf(RangeSelection.Whole.class);
        assertThat(RangeSelection.of("bytes=-0", 0)).isInstanceOf(RangeSelection.Unsatisfiable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-99,200-299", "bytes=0-0,-1", "bytes=5-1", "items=0-9", "bytes=abc",
            "bytes=-", "bytes=1-2-3", "bytes", "bytes=0x10-20", "bytes=", "bytes=+1-2"})
    void givenSeveralOrInvalidRanges_whenSelecting_thenWholeFileWith200(String header) {
        assertThat(RangeSelection.of(header, LENGTH)).isInstanceOf(RangeSelection.Whole.class);
    }
}
