package nl.publicaties.catalog.page.query;

import java.time.LocalDate;
import java.util.List;
import nl.publicaties.contracts.pages.SeriesPage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesPagesTest {

    private static final SeriesRow MONITOR = new SeriesRow("s1", "monitor-integriteit-en-veiligheid",
            "Monitor integriteit en veiligheid", "Dit onderzoek ...",
            List.of(new SeriesRow.Section("Stijging agressie", "De Monitor ...")));

    @Test
    void givenPublishedEditions_whenAssembled_thenNewestYearFirst() {
        SeriesPage page = SeriesPages.assemble(MONITOR,
                List.of(published("e2018", "Monitor 2018", 2018), published("e2022", "Monitor 2022", 2022),
                        published("e2020", "Monitor 2020", 2020)),
                List.of(document("d1", "e2018", 1), document("d2", "e2022", 1), document("d3", "e2020", 1)));

        assertThat(page.editions()).extracting(SeriesPage.EditionEntry::label)
                .containsExactly("Monitor 2022", "Monitor 2020", "Monitor 2018");
        assertThat(page.sections()).hasSize(1);
    }

    @Test
    void givenDocumentsOutOfOrder_whenAssembled_thenByPositionWithDownloadPath() {
        SeriesPage page = SeriesPages.assemble(MONITOR, List.of(published("e2022", "Monitor 2022", 2022)),
                List.of(document("d3", "e2022", 3), document("d1", "e2022", 1), document("d2", "e2022", 2)));

        List<SeriesPage.DocumentEntry> documents = page.editions().get(0).documents();
        assertThat(documents).extracting(SeriesPage.DocumentEntry::documentId).containsExactly("d1", "d2", "d3");
        assertThat(documents.get(0).downloadPath()).isEqualTo("/documents/d1/d1.pdf");
    }

    @Test
    void givenWithdrawnDocumentAndDraftEdition_whenAssembled_thenBothLeftOut() {
        DocumentRow withdrawn = document("d2", "e2022", 2);
        withdrawn.withdraw();
        EditionRow draft = new EditionRow("e2024", "s1", "Monitor 2024", 2024, null, null);

        SeriesPage page = SeriesPages.assemble(MONITOR, List.of(published("e2022", "Monitor 2022", 2022), draft),
                List.of(document("d1", "e2022", 1), withdrawn));

        assertThat(page.editions()).extracting(SeriesPage.EditionEntry::editionId).containsExactly("e2022");
        assertThat(page.editions().get(0).documents()).extracting(SeriesPage.DocumentEntry::documentId)
                .containsExactly("d1");
        assertThat(page.editions().get(0).publishedOn()).isEqualTo("2023-03-01");
    }

    @Test
    void givenArchivedNewerEdition_whenListedOnThePage_thenAfterTheCurrentEditions() {
        EditionRow archived = published("e2024", "Monitor 2024", 2024);
        archived.archive();

        SeriesPage page = SeriesPages.assemble(MONITOR, List.of(archived, published("e2022", "Monitor 2022", 2022)),
                List.of(document("d1", "e2022", 1), document("d2", "e2024", 1)));

        assertThat(page.editions()).extracting(SeriesPage.EditionEntry::editionId).containsExactly("e2022", "e2024");
    }

    @Test
    void givenRetitledReorderedReplacedAndRestoredDocuments_whenAssembled_thenTheirCurrentState() {
        DocumentRow first = document("d1", "e2022", 1);
        DocumentRow second = document("d2", "e2022", 2);
        first.retitle("Nieuwe titel");
        first.moveTo(2);
        second.moveTo(1);
        first.replaceFile("application/pdf", 2000, "b".repeat(64));
        second.withdraw();
        second.restore(3);

        SeriesPage page = SeriesPages.assemble(MONITOR, List.of(published("e2022", "Monitor 2022", 2022)),
                List.of(first, second));

        List<SeriesPage.DocumentEntry> documents = page.editions().get(0).documents();
        assertThat(documents).extracting(SeriesPage.DocumentEntry::documentId).containsExactly("d1", "d2");
        assertThat(documents.get(0).title()).isEqualTo("Nieuwe titel");
        assertThat(documents.get(0).sha256()).isEqualTo("b".repeat(64));
        assertThat(documents.get(0).sizeBytes()).isEqualTo(2000);
        assertThat(documents.get(0).downloadPath()).isEqualTo("/documents/d1/d1.pdf");
    }

    private static EditionRow published(String id, String label, int year) {
        EditionRow edition = new EditionRow(id, "s1", label, year, null, null);
        edition.publish(LocalDate.of(2023, 3, 1));
        return edition;
    }

    private static DocumentRow document(String id, String editionId, int position) {
        return new DocumentRow(id, editionId, "Document " + id, "factsheet", null, null, null, "nl", position,
                id + ".pdf", "application/pdf", 1000, "a".repeat(64));
    }
}
