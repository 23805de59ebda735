package nl.publicaties.stats.counts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    private static final String A = "9415a09c-db79-5882-a49b-756bfda6749c";
    private static final String B = "73e34c8a-b0ab-5442-93e5-ea7ddfaab0bf";

    @Test
    void givenIdsInUpperCaseWithSpaces_whenParsed_thenCanonicalInAskedOrder() {
        assertThat(DocumentIds.parse(B + " , " + A.toUpperCase()))
                .containsExactly(UUID.fromString(B), UUID.fromString(A));
    }

    @Test
    void givenNoIds_whenParsed_thenRejected() {
        assertThatThrownBy(() -> DocumentIds.parse(" ")).isInstanceOf(InvalidDocumentIdsException.class);
    }

    @Test
    void givenEmptyElement_whenParsed_thenRejected() {
        assertThatThrownBy(() -> DocumentIds.parse(A + ",," + B)).isInstanceOf(InvalidDocumentIdsException.class);
    }

    @Test
    void givenLenientUuidForm_whenParsed_thenRejected() {
        // UUID.fromString accepts "1-1-1-1-1"; the API does not
        assertThatThrownBy(() -> DocumentIds.parse("1-1-1-1-1"))
                .isInstanceOf(InvalidDocumentIdsException.class)
                .satisfies(e -> assertThat(((InvalidDocumentIdsException) e).invalidIds()).containsExactly("1-1-1-1-1"));
    }

    @Test
    void given200Ids_whenParsed_thenAccepted() {
        assertThat(DocumentIds.parse(String.join(",", Collections.nCopies(200, A)))).hasSize(200);
    }

    @Test
    void given201Ids_whenParsed_thenRejected() {
        assertThatThrownBy(() -> DocumentIds.parse(String.join(",", Collections.nCopies(201, A))))
                .hasMessageContaining("At most 200");
    }
}
