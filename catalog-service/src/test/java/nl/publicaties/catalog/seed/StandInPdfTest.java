package nl.publicaties.catalog.seed;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandInPdfTest {

    private static final String GRONINGEN = "ba396da1-3e7e-5bb7-936d-c13e5b4eeb9b";
    private static final String GRONINGEN_TITLE = "Factsheet Monitor integriteit en veiligheid 2022 \u2013 Groningen";

    @Test
    void givenGroningenFactsheet_whenGenerated_thenValidPdfWithTitleOnPageOne() throws IOException {
        byte[] pdf = StandInPdf.generate(GRONINGEN, GRONINGEN_TITLE,
                "Monitor integriteit en veiligheid \u2013 Monitor 2022", 103731);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            // long titles wrap: compare with line breaks as spaces
            String text = stripper.getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(GRONINGEN_TITLE).contains("Monitor 2022").contains("gegenereerd");
        }
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    void givenManifestSize_whenGenerated_thenFileHasThatSize() throws IOException {
        for (long size : new long[]{95642, 103731, 243917, 1048576, 1468006}) {
            assertThat((long) StandInPdf.generate(GRONINGEN, GRONINGEN_TITLE, "Monitor 2022", size).length)
                    .as("size for target %d", size)
                    .isBetween(size, size + 4);
        }
    }

    @Test
    void givenSameDocument_whenGeneratedTwice_thenSameBytes() throws IOException {
        byte[] first = StandInPdf.generate(GRONINGEN, GRONINGEN_TITLE, "Monitor 2022", 100_000);
        byte[] second = StandInPdf.generate(GRONINGEN, GRONINGEN_TITLE, "Monitor 2022", 100_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void givenOtherDocument_whenGenerated_thenOtherPadding() throws IOException {
        byte[] groningen = StandInPdf.generate(GRONINGEN, GRONINGEN_TITLE, "Monitor 2022", 100_000);
        byte[] other = StandInPdf.generate("bedd41a0-dd38-5299-839d-c2bb99f5f1be", GRONINGEN_TITLE,
                "Monitor 2022", 100_000);
        assertThat(other).isNotEqualTo(groningen);
    }

    @Test
    void givenTitleOutsideTheStandardFontEncoding_whenGenerated_thenStillAValidPdf() throws IOException {
        byte[] pdf = StandInPdf.generate(GRONINGEN, "Factsheet \u0141\u00f3d\u017a \u2192 2022", "Monitor", 10_000);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Factsheet");
        }
    }
}
