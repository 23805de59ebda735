package nl.publicaties.download.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.DocumentFileReplaced;
import nl.publicaties.contracts.catalog.DocumentRestored;
import nl.publicaties.contracts.catalog.DocumentWithdrawn;
import nl.publicaties.contracts.catalog.EditionPublished;
import org.junit.jupiter.api.Test;

class DocumentViewTest {

    private static final String EDITION = "0b6f7a5e-2022-4d8e-9f00-000000002022";
    private static final String DOCUMENT = "5d0c3c1e-2022-4a51-8d7a-000000000001";
    private static final String SHA = "a".repeat(64);
    private static final Instant ADDED = Instant.parse("2026-11-01T09:00:00Z");

    private final DocumentView view = new DocumentView();

    @Test
    void givenDocumentOfUnpublishedEdition_whenFinding_thenUnknown() {
        view.apply(report(SHA), ADDED);
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Unknown.class);
    }

    @Test
    void givenAViewStillBeingRebuilt_whenTheReaderReachesWhereTheTopicEndedAtStart_thenComplete() {
        assertThat(view.isComplete()).isFalse();
        view.markComplete();
        assertThat(view.isComplete()).isTrue();
    }

    @Test
    void givenEditionPublished_whenFinding_thenServableWithItsFile() {
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        assertThat(view.find(DOCUMENT)).isEqualTo(new DocumentLookup.Servable(new DocumentFile(DOCUMENT, EDITION,
                "monitor-2022.pdf", "application/pdf", 1_000_000, SHA, ADDED, true, 1)));
    }

    @Test
    void givenPublishedBeforeAddedAcrossPartitions_whenFinding_thenStillServable() {
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(report(SHA), ADDED);
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Servable.class);
    }

    @Test
    void givenDocumentWithdrawn_whenFinding_thenWithdrawnEvenIfAddedAgain() {
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(new DocumentWithdrawn(DOCUMENT, EDITION, "fout in tabel 3"));
        view.apply(report(SHA), ADDED.plusSeconds(60));
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Withdrawn.class);
    }

    @Test
    void givenRedeliveredDocumentAdded_whenFinding_thenLastModifiedUnchanged() {
        view.apply(report(SHA), ADDED);
        view.apply(report(SHA), ADDED.plusSeconds(3600));
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        assertThat(((DocumentLookup.Servable) view.find(DOCUMENT)).file().lastModified()).isEqualTo(ADDED);
    }

    @Test
    void givenWithdrawnDocumentRestored_whenFinding_thenServableAgain() {
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(new DocumentWithdrawn(DOCUMENT, EDITION, "fout in tabel 3"));
        view.apply(new DocumentRestored(DOCUMENT, EDITION, "series", 1));
        assertThat(view.find(DOCUMENT)).isInstanceOf(DocumentLookup.Servable.class);
    }

    @Test
    void givenFileReplaced_whenFinding_thenTheNewFileUnderTheSamePathWithANewLastModified() {
        String newSha = "b".repeat(64);
        Instant replacedAt = ADDED.plusSeconds(86_400);
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, newSha, SHA), replacedAt);
        assertThat(view.find(DOCUMENT)).isEqualTo(new DocumentLookup.Servable(new DocumentFile(DOCUMENT, EDITION,
                "monitor-2022.pdf", "application/pdf", 1_050_000, newSha, replacedAt, true, 2)));
    }

    @Test
    void givenFileReplacedWithinTheSecondItWasAdded_whenFinding_thenItsLastModifiedIsNoStrongValidator() {
        view.apply(report(SHA), ADDED.plusMillis(100));
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, "b".repeat(64), SHA), ADDED.plusMillis(900));

        assertThat(((DocumentLookup.Servable) view.find(DOCUMENT)).file().lastModifiedStrong()).isFalse();
    }

    @Test
    void givenRedeliveredFileReplacement_whenFinding_thenLastModifiedUnchanged() {
        String newSha = "b".repeat(64);
        DocumentFileReplaced replaced = new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf",
                "application/pdf", 1_050_000, newSha, SHA);
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(replaced, ADDED.plusSeconds(60));
        view.apply(replaced, ADDED.plusSeconds(3600));
        assertThat(((DocumentLookup.Servable) view.find(DOCUMENT)).file().lastModified()).isEqualTo(ADDED.plusSeconds(60));
    }

    @Test
    void givenAddedRedeliveredAfterItsReplacement_whenFinding_thenTheReplacementStaysWithItsLastModified() {
        String newSha = "b".repeat(64);
        Instant replacedAt = ADDED.plusSeconds(86_400);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(report(SHA), ADDED);
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, newSha, SHA), replacedAt);

        view.apply(report(SHA), ADDED.plusSeconds(90_000)); // the catalog's publisher sent a suffix again

        DocumentFile served = ((DocumentLookup.Servable) view.find(DOCUMENT)).file();
        assertThat(served.sha256()).isEqualTo(newSha);
        assertThat(served.lastModified()).isEqualTo(replacedAt);
    }

    @Test
    void givenReplacementsReadOutOfOrderOrBeforeTheirDocument_whenFinding_thenTheHighestFileRevision() {
        String second = "b".repeat(64);
        String third = "c".repeat(64);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        // after partitions were added, a replacement can be read before the DocumentAdded it follows
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 3, "monitor-2022.pdf", "application/pdf",
                1_100_000, third, second), ADDED.plusSeconds(7_200));
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, second, SHA), ADDED.plusSeconds(3_600));
        view.apply(report(SHA), ADDED);

        DocumentFile served = ((DocumentLookup.Servable) view.find(DOCUMENT)).file();
        assertThat(served.sha256()).isEqualTo(third);
        assertThat(served.fileRevision()).isEqualTo(3);
        assertThat(served.sizeBytes()).isEqualTo(1_100_000);
    }

    @Test
    void givenAGoBackToTheFirstFileReadBeforeTheReplacementItUndoes_whenFinding_thenTheFirstFile() {
        String second = "b".repeat(64);
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(report(SHA), ADDED);
        // revision 3 brings back the first file; revision 2 (the file it undoes) is read after it
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 3, "monitor-2022.pdf", "application/pdf",
                1_000_000, SHA, second), ADDED.plusSeconds(7_200));
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, second, SHA), ADDED.plusSeconds(3_600));

        DocumentFile served = ((DocumentLookup.Servable) view.find(DOCUMENT)).file();
        assertThat(served.sha256()).isEqualTo(SHA);
        assertThat(served.fileRevision()).isEqualTo(3);
    }

    @Test
    void givenAReplacementWithinTheSecondReadBeforeTheFileItReplaced_whenFinding_thenNoStrongLastModifiedEither() {
        view.apply(new EditionPublished(EDITION, "series", LocalDate.of(2022, 11, 1)));
        view.apply(new DocumentFileReplaced(DOCUMENT, EDITION, "series", 2, "monitor-2022.pdf", "application/pdf",
                1_050_000, "b".repeat(64), SHA), ADDED.plusMillis(700));
        view.apply(report(SHA), ADDED.plusMillis(200));

        DocumentFile served = ((DocumentLookup.Servable) view.find(DOCUMENT)).file();
        assertThat(served.sha256()).isEqualTo("b".repeat(64));
        assertThat(served.lastModifiedStrong()).as("its Last-Modified also names the bytes before it").isFalse();
    }

    @Test
    void givenUpperCaseId_whenFinding_thenSameDocument() {
        view.apply(report(SHA), ADDED);
        view.apply(new EditionPublished(EDITION.toUpperCase(), "series", LocalDate.of(2022, 11, 1)));
        assertThat(view.find(DOCUMENT.toUpperCase())).isInstanceOf(DocumentLookup.Servable.class);
    }

    @Test
    void givenUnknownId_whenFinding_thenUnknown() {
        assertThat(view.find("00000000-0000-0000-0000-000000000000")).isInstanceOf(DocumentLookup.Unknown.class);
    }

    private static DocumentAdded report(String sha256) {
        return new DocumentAdded(DOCUMENT, EDITION, "series", "Monitor integriteit en veiligheid 2022", "rapport",
                null, null, null, "nl", 1, "monitor-2022.pdf", "application/pdf", 1_000_000, sha256);
    }
}
