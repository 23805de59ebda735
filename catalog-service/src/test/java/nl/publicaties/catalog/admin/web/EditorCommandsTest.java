package nl.publicaties.catalog.admin.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditorCommandsTest {

    @Test
    void givenQuotedVersion_whenParsed_thenThatVersion() {
        assertThat(EditorCommands.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(EditorCommands.expectedVersion("W/\"12\"")).isEqualTo(12L);
    }

    @Test
    void givenNoIfMatchOrStar_whenParsed_thenNoCheck() {
        assertThat(EditorCommands.expectedVersion(null)).isNull();
        assertThat(EditorCommands.expectedVersion("*")).isNull();
    }

    @Test
    void givenSomethingElse_whenParsed_thenPreconditionFailed() {
        assertThatThrownBy(() -> EditorCommands.expectedVersion("\"abc\""))
                .isInstanceOf(EditorCommands.PreconditionFailed.class);
    }

    @Test
    void givenVersion_whenFormatted_thenStrongETag() {
        assertThat(EditorCommands.etag(3)).isEqualTo("\"3\"");
    }
}
