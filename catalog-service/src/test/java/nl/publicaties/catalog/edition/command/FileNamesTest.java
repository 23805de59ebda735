package nl.publicaties.catalog.edition.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void givenTheNamesPeopleGiveTheirFiles_whenChecked_thenValid() {
        assertThat(FileNames.isValid("Factsheet Monitor integriteit en veiligheid 2022 – Fryslân.pdf")).isTrue();
        assertThat(FileNames.isValid("monitor-integriteit-en-veiligheid-2022.pdf")).isTrue();
        assertThat(FileNames.isValid("Bijlage B (tabellen), versie 2 & errata.pdf")).isTrue();
        assertThat(FileNames.isValid("Één rapport_2024.pdf")).isTrue();
        assertThat(FileNames.isValid("Übersicht 't Gooi [def].pdf")).isTrue();
        assertThat(FileNames.isValid("x".repeat(200))).isTrue();
    }

    @Test
    void givenAnythingAPathAUrlOrAShellReadsSpecially_whenChecked_thenInvalid() {
        assertThat(FileNames.isValid(null)).isFalse();
        assertThat(FileNames.isValid("")).isFalse();
        assertThat(FileNames.isValid("../../etc/passwd")).isFalse();
        assertThat(FileNames.isValid("rapport/2024.pdf")).isFalse();
        assertThat(FileNames.isValid("C:\\rapport.pdf")).isFalse();
        assertThat(FileNames.isValid("v1..2.pdf")).isFalse();
        assertThat(FileNames.isValid(".verborgen.pdf")).isFalse();
        assertThat(FileNames.isValid(" spatie.pdf")).isFalse();
        assertThat(FileNames.isValid("rapport.pdf.")).isFalse();
        assertThat(FileNames.isValid("rapport .pdf ")).isFalse();
        assertThat(FileNames.isValid("100%.pdf")).isFalse();
        assertThat(FileNames.isValid("wat?.pdf")).isFalse();
        assertThat(FileNames.isValid("a#b.pdf")).isFalse();
        assertThat(FileNames.isValid("regel\nnieuw.pdf")).isFalse();
        assertThat(FileNames.isValid("x".repeat(201))).isFalse();
    }

    @Test
    void givenDecomposedAccents_whenChecked_thenInvalidUntilComposed() {
        String decomposed = Normalizer.normalize("Fryslân.pdf", Normalizer.Form.NFD);
        assertThat(FileNames.isValid(decomposed)).isFalse();
        assertThat(FileNames.isValid(Normalizer.normalize(decomposed, Normalizer.Form.NFC))).isTrue();
    }
}
