package nl.publicaties.catalog.edition.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditionAdminControllerTest {

    @Test
    void givenUploadedFileName_whenNoFileNameGiven_thenItsPlainLowercaseForm() {
        assertThat(EditionAdminController.fileNameFor("Monitor Integriteit 2024 (def).PDF", null, "application/pdf"))
                .isEqualTo("monitor-integriteit-2024-def.pdf");
    }

    @Test
    void givenWindowsPath_whenNoFileNameGiven_thenOnlyTheLastSegment() {
        assertThat(EditionAdminController.fileNameFor("C:\\Users\\redactie\\rapport.pdf", null, "application/pdf"))
                .isEqualTo("rapport.pdf");
    }

    @Test
    void givenNoUploadedName_whenNoFileNameGiven_thenFromTheTitle() {
        assertThat(EditionAdminController.fileNameFor(null, "Factsheet – Fryslân", "application/pdf"))
                .isEqualTo("factsheet-frysl-n.pdf");
    }

    @Test
    void givenOnlySymbols_whenNoFileNameGiven_thenDocument() {
        assertThat(EditionAdminController.fileNameFor("???", null, "application/pdf")).isEqualTo("document.pdf");
    }
}
