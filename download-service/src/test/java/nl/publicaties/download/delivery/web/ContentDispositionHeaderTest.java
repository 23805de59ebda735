package nl.publicaties.download.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionHeaderTest {

    @Test
    void givenAsciiName_whenInline_thenBothParametersCarryIt() {
        assertThat(ContentDispositionHeader.inline("monitor-integriteit-en-veiligheid-2022.pdf")).isEqualTo(
                "inline; filename=\"monitor-integriteit-en-veiligheid-2022.pdf\"; "
                        + "filename*=UTF-8''monitor-integriteit-en-veiligheid-2022.pdf");
    }

    @Test
    void givenNonAsciiName_whenInline_thenAsciiFallbackAndUtf8PercentEncoded() {
        assertThat(ContentDispositionHeader.inline("Factsheet Fryslân – 2022.pdf")).isEqualTo(
                "inline; filename=\"Factsheet Fryslan _ 2022.pdf\"; "
                        + "filename*=UTF-8''Factsheet%20Frysl%C3%A2n%20%E2%80%93%202022.pdf");
    }

    @Test
    void givenQuotesBackslashesAndControlCharacters_whenInline_thenFallbackCannotBreakTheHeader() {
        String header = ContentDispositionHeader.inline("a\"b\\c\r\nd;e.pdf");
        assertThat(header).startsWith("inline; filename=\"a_b_c__d;e.pdf\"; ")
                .endsWith("filename*=UTF-8''a%22b%5Cc%0D%0Ad%3Be.pdf")
                .doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void givenAPercentEscapeInTheName_whenInline_thenTheFallbackCannotBeReadAsOne() {
        assertThat(ContentDispositionHeader.inline("Verslag%20Q1.pdf"))
                .isEqualTo("inline; filename=\"Verslag_20Q1.pdf\"; filename*=UTF-8''Verslag%2520Q1.pdf");
    }

    @Test
    void givenAttrChars_whenEncoding_thenLeftAsIs() {
        assertThat(ContentDispositionHeader.encode("Az09!#$&+-.^_`|~")).isEqualTo("Az09!#$&+-.^_`|~");
        assertThat(ContentDispositionHeader.encode("a b'c*%")).isEqualTo("a%20b%27c%2A%25");
    }
}
