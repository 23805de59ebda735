package nl.publicaties.stats.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BaselineFileTest {

    @Test
    void givenShippedMonitorBaseline_whenParsed_thenElevenDocumentsWithProvenance() throws IOException {
        BaselineFile file = BaselineFile.parse("monitor.csv", shipped());

        assertThat(file.rows()).hasSize(11);
        assertThat(file.rows().get(0)).isEqualTo(new BaselineFile.Row(
                UUID.fromString("9415a09c-db79-5882-a49b-756bfda6749c"), 366, "Monitor integriteit en veiligheid 2022"));
        assertThat(file.source()).startsWith("Rijksoverheid, pagina 'Monitor integriteit en veiligheid'");
        assertThat(file.sha256()).hasSize(64);
    }

    @Test
    void givenSameBytes_whenParsedTwice_thenSameSha256() throws IOException {
        assertThat(BaselineFile.parse("a", shipped()).sha256()).isEqualTo(BaselineFile.parse("b", shipped()).sha256());
    }

    @Test
    void givenQuotedTitleWithCommaAndQuotes_whenParsed_thenUnquoted() {
        BaselineFile file = BaselineFile.parse("t.csv", bytes("""
                # source: test
                document_id,downloads,title
                9415a09c-db79-5882-a49b-756bfda6749c,5,"Monitor, deel ""A\"\"\"
                """));

        assertThat(file.rows().get(0).title()).isEqualTo("Monitor, deel \"A\"");
    }

    @Test
    void givenNoSourceLine_whenParsed_thenRejectedForMissingProvenance() {
        assertThatThrownBy(() -> BaselineFile.parse("t.csv", bytes("""
                document_id,downloads,title
                9415a09c-db79-5882-a49b-756bfda6749c,5,x
                """)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provenance");
    }

    @Test
    void givenIdThatIsNoUuid_whenParsed_thenRejectedWithLineNumber() {
        assertThatThrownBy(() -> BaselineFile.parse("t.csv", bytes("""
                # source: test
                document_id,downloads,title
                monitor-2022,5,x
                """)))
                .hasMessageContaining("line 3");
    }

    @Test
    void givenNegativeDownloads_whenParsed_thenRejected() {
        assertThatThrownBy(() -> BaselineFile.parse("t.csv", bytes("""
                # source: test
                document_id,downloads
                9415a09c-db79-5882-a49b-756bfda6749c,-1
                """)))
                .hasMessageContaining("negative");
    }

    private static byte[] shipped() throws IOException {
        try (InputStream in = BaselineFileTest.class.getResourceAsStream("/baseline/monitor-integriteit-en-veiligheid.csv")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
