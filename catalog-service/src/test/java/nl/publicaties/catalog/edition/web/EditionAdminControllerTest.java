package nl.publicaties.catalog.edition.web;

import java.text.Normalizer;
import nl.publicaties.catalog.edition.command.FileNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditionAdminControllerTest {

    @Test
    void givenUploadedFileName_whenNoFileNameGiven_thenThatNameWithItsCapitalsAndSpaces() {
        assertThat(EditionAdminController.fileNameFor("Monitor Integriteit 2024 (def).PDF", null, "application/pdf"))
                .isEqualTo("Monitor Integriteit 2024 (def).pdf");
    }

    @Test
    void givenANonAsciiUploadName_whenNoFileNameGiven_thenKeptAsItIs() {
        assertThat(EditionAdminController.fileNameFor(
                "Factsheet Monitor integriteit en veiligheid 2022 – Fryslân.pdf", null, "application/pdf"))
                .isEqualTo("Factsheet Monitor integriteit en veiligheid 2022 – Fryslân.pdf");
    }

    @Test
    void givenAnUploadNameWithDecomposedAccents_whenNoFileNameGiven_thenComposed() {
        String fromAMac = Normalizer.normalize("Fryslân.pdf", Normalizer.Form.NFD);
        assertThat(EditionAdminController.fileNameFor(fromAMac, null, "application/pdf")).isEqualTo("Fryslân.pdf");
    }

    @Test
    void givenWindowsPath_whenNoFileNameGiven_thenOnlyTheLastSegment() {
        assertThat(EditionAdminController.fileNameFor("C:\\Users\\redactie\\rapport.pdf", null, "application/pdf"))
                .isEqualTo("rapport.pdf");
    }

    @Test
    void givenNoUploadedName_whenNoFileNameGiven_thenFromTheTitle() {
        assertThat(EditionAdminController.fileNameFor(null, "Factsheet – Fryslân", "application/pdf"))
                .isEqualTo("Factsheet – Fryslân.pdf");
    }

    @Test
    void givenCharactersAFileNameMustNotHold_whenNoFileNameGiven_thenDroppedAndTheRestKept() {
        assertThat(EditionAdminController.fileNameFor("Rapport: eind*versie? \"def\"\t<2024>.pdf", null,
                "application/pdf")).isEqualTo("Rapport eind versie def 2024.pdf");
        assertThat(EditionAdminController.fileNameFor("..verborgen..bestand.pdf", null, "application/pdf"))
                .isEqualTo("verborgen.bestand.pdf");
    }

    @Test
    void givenAVeryLongName_whenNoFileNameGiven_thenCutTo190CharactersAndStillValid() {
        String name = EditionAdminController.fileNameFor("â".repeat(300) + ".pdf", null, "application/pdf");
        assertThat(name).isEqualTo("â".repeat(190) + ".pdf");
        assertThat(FileNames.isValid(name)).isTrue();
    }

    @Test
    void givenOnlySymbols_whenNoFileNameGiven_thenDocument() {
        assertThat(EditionAdminController.fileNameFor("???", null, "application/pdf")).isEqualTo("document.pdf");
    }
}
