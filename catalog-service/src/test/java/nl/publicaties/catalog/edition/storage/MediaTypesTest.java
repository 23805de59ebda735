package nl.publicaties.catalog.edition.storage;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {

    @Test
    void givenPdfMagic_whenDetected_thenPdf() {
        assertThat(MediaTypes.detect("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("application/pdf");
    }

    @Test
    void givenPngBytes_whenDetected_thenPng() {
        assertThat(MediaTypes.detect(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}))
                .isEqualTo("image/png");
    }

    @Test
    void givenTextMentioningPdfLater_whenDetected_thenText() {
        assertThat(MediaTypes.detect("not a pdf %PDF-1.7".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    }

    @Test
    void givenDocx_whenDetected_thenZip() {
        assertThat(MediaTypes.detect(new byte[]{'P', 'K', 3, 4, 20, 0})).isEqualTo("application/zip");
    }

    @Test
    void givenBinaryNoise_whenDetected_thenOctetStream() {
        assertThat(MediaTypes.detect(new byte[]{0, 1, 2, (byte) 0xfe, 0})).isEqualTo("application/octet-stream");
    }

    @Test
    void givenNothing_whenDetected_thenOctetStream() {
        assertThat(MediaTypes.detect(new byte[0])).isEqualTo("application/octet-stream");
    }
}
