package nl.publicaties.catalog.page.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesControllerTest {

    private static final String ETAG = "\"abc\"";

    @Test
    void givenSameTag_whenMatched_thenNotModified() {
        assertThat(SeriesController.matches("\"abc\"", ETAG)).isTrue();
    }

    @Test
    void givenWeakTagInList_whenMatched_thenNotModified() {
        assertThat(SeriesController.matches("\"x\", W/\"abc\"", ETAG)).isTrue();
    }

    @Test
    void givenStar_whenMatched_thenNotModified() {
        assertThat(SeriesController.matches("*", ETAG)).isTrue();
    }

    @Test
    void givenOtherOrNoTag_whenMatched_thenModified() {
        assertThat(SeriesController.matches("\"abd\"", ETAG)).isFalse();
        assertThat(SeriesController.matches(null, ETAG)).isFalse();
    }
}
