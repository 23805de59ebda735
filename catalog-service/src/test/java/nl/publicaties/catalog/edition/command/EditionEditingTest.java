package nl.publicaties.catalog.edition.command;

import java.util.List;
import java.util.Map;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentFileReplaced;
import nl.publicaties.catalog.edition.event.DocumentRestored;
import nl.publicaties.catalog.edition.event.DocumentRetitled;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.DocumentsReordered;
import nl.publicaties.catalog.edition.event.EditionArchived;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static nl.publicaties.catalog.edition.command.EditionMother.*;

/** The editorial rules added with the admin API (issue 3). */
class EditionEditingTest {

    private static final String SUMMARY_2022 = "7b0c1d6e-0000-5000-8000-000000000022";

    private FixtureConfiguration<Edition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Edition.class);
    }

    // --- create / add

    @Test
    void givenNothing_whenCreateEditionForYear1850_thenInvalidYear() {
        fixture.givenNoPriorActivity()
                .when(new CreateEdition(MONITOR_2022, SERIES_ID, "Monitor 1850", 1850, null, null, null))
                .expectException(Edition.InvalidYear.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEdition_whenAddDocumentWithoutKind_thenInvalidDocument() {
        AddDocument c = addReport2022();
        fixture.given(monitor2022Created())
                .when(new AddDocument(c.editionId(), c.documentId(), c.title(), null, null, null, null, "nl",
                        c.fileName(), c.mediaType(), c.sizeBytes(), c.sha256()))
                .expectException(Edition.InvalidDocument.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEdition_whenAddDocumentForAMunicipalityCode_thenInvalidDocument() {
        AddDocument c = addGroningen(GRONINGEN_2022);
        fixture.given(monitor2022Created())
                .when(new AddDocument(c.editionId(), c.documentId(), c.title(), c.kind(), c.audience(), "GM0014",
                        "Groningen", "nl", c.fileName(), c.mediaType(), c.sizeBytes(), c.sha256()))
                .expectException(Edition.InvalidDocument.class);
    }

    @Test
    void givenDraftEdition_whenAddRegionalDocumentWithoutRegionName_thenInvalidDocument() {
        AddDocument c = addGroningen(GRONINGEN_2022);
        fixture.given(monitor2022Created())
                .when(new AddDocument(c.editionId(), c.documentId(), c.title(), c.kind(), c.audience(), "PV20",
                        " ", "nl", c.fileName(), c.mediaType(), c.sizeBytes(), c.sha256()))
                .expectException(Edition.InvalidDocument.class);
    }

    @Test
    void givenDraftEdition_whenAddDocumentInLanguageDutch_thenInvalidDocument() {
        AddDocument c = addReport2022();
        fixture.given(monitor2022Created())
                .when(new AddDocument(c.editionId(), c.documentId(), c.title(), c.kind(), null, null, null,
                        "Nederlands", c.fileName(), c.mediaType(), c.sizeBytes(), c.sha256()))
                .expectException(Edition.InvalidDocument.class);
    }

    @Test
    void givenArchivedEdition_whenAddDocument_thenEditionIsArchived() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published(), monitor2022Archived())
                .when(addGroningen(GRONINGEN_2022))
                .expectException(Edition.EditionIsArchived.class)
                .expectNoEvents();
    }

    @Test
    void givenEditionWithPlannedDate_whenPublishWithoutDate_thenPublishedOnThePlannedDate() {
        java.time.LocalDate planned = java.time.LocalDate.of(2023, 3, 1);
        fixture.given(new nl.publicaties.catalog.edition.event.EditionCreated(MONITOR_2022, SERIES_ID,
                        "Monitor 2022", 2022, null, null, planned), report2022Added())
                .when(new PublishEdition(MONITOR_2022, null))
                .expectEvents(new nl.publicaties.catalog.edition.event.EditionPublished(MONITOR_2022, SERIES_ID,
                        planned));
    }

    @Test
    void givenEditionWithPlannedDate_whenPublishWithAnotherDate_thenThatDate() {
        java.time.LocalDate actual = java.time.LocalDate.of(2023, 4, 12);
        fixture.given(new nl.publicaties.catalog.edition.event.EditionCreated(MONITOR_2022, SERIES_ID,
                        "Monitor 2022", 2022, null, null, java.time.LocalDate.of(2023, 3, 1)), report2022Added())
                .when(new PublishEdition(MONITOR_2022, actual))
                .expectEvents(new nl.publicaties.catalog.edition.event.EditionPublished(MONITOR_2022, SERIES_ID,
                        actual));
    }

    // --- archive

    @Test
    void givenPublishedEdition_whenArchiveEdition_thenEditionArchived() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published())
                .when(new ArchiveEdition(MONITOR_2022))
                .expectEvents(monitor2022Archived());
    }

    @Test
    void givenDraftEdition_whenArchiveEdition_thenNotPublished() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new ArchiveEdition(MONITOR_2022))
                .expectException(Edition.NotPublished.class)
                .expectNoEvents();
    }

    @Test
    void givenArchivedEdition_whenArchiveAgain_thenAlreadyArchived() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published(), monitor2022Archived())
                .when(new ArchiveEdition(MONITOR_2022))
                .expectException(Edition.AlreadyArchived.class);
    }

    // --- withdraw / restore

    @Test
    void givenPublishedEdition_whenWithdrawWithoutReason_thenInvalidReason() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published())
                .when(new WithdrawDocument(MONITOR_2022, REPORT_2022, " "))
                .expectException(Edition.InvalidReason.class)
                .expectNoEvents();
    }

    @Test
    void givenWithdrawnDocument_whenRestoreDocument_thenRestoredAfterTheOtherDocuments() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2),
                        report2022Withdrawn())
                .when(new RestoreDocument(MONITOR_2022, REPORT_2022))
                .expectEvents(new DocumentRestored(REPORT_2022, MONITOR_2022, SERIES_ID, 3));
    }

    @Test
    void givenPublicDocument_whenRestoreDocument_thenNotWithdrawn() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RestoreDocument(MONITOR_2022, REPORT_2022))
                .expectException(Edition.NotWithdrawn.class)
                .expectNoEvents();
    }

    @Test
    void givenEdition_whenRestoreUnknownDocument_thenUnknownDocument() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RestoreDocument(MONITOR_2022, GRONINGEN_2022))
                .expectException(Edition.UnknownDocument.class);
    }

    @Test
    void givenWithdrawnGroningenFactsheetAndItsReplacement_whenRestoreTheOldOne_thenRegionAlreadyCovered() {
        fixture.given(monitor2022Created(), groningenAdded(GRONINGEN_2022, 1),
                        new DocumentWithdrawn(GRONINGEN_2022, MONITOR_2022, "fout in cijfers"),
                        groningenAdded(ANOTHER_GRONINGEN, 2))
                .when(new RestoreDocument(MONITOR_2022, GRONINGEN_2022))
                .expectException(Edition.RegionAlreadyCovered.class)
                .expectNoEvents();
    }

    @Test
    void givenRestoredGroningenFactsheet_whenAddAnotherGroningenFactsheet_thenRegionAlreadyCovered() {
        fixture.given(monitor2022Created(), groningenAdded(GRONINGEN_2022, 1),
                        new DocumentWithdrawn(GRONINGEN_2022, MONITOR_2022, "fout in cijfers"),
                        new DocumentRestored(GRONINGEN_2022, MONITOR_2022, SERIES_ID, 2))
                .when(addGroningen(ANOTHER_GRONINGEN))
                .expectException(Edition.RegionAlreadyCovered.class);
    }

    // --- retitle

    @Test
    void givenDocument_whenRetitleDocument_thenDocumentRetitledWithPreviousTitle() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RetitleDocument(MONITOR_2022, REPORT_2022, "Monitor Integriteit en Veiligheid 2022"))
                .expectEvents(new DocumentRetitled(REPORT_2022, MONITOR_2022,
                        "Monitor Integriteit en Veiligheid 2022", "Monitor integriteit en veiligheid 2022"));
    }

    @Test
    void givenDocument_whenRetitleToTheSameTitle_thenNothingHappens() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RetitleDocument(MONITOR_2022, REPORT_2022, "Monitor integriteit en veiligheid 2022"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenDocument_whenRetitleToBlank_thenInvalidTitle() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RetitleDocument(MONITOR_2022, REPORT_2022, ""))
                .expectException(Titles.InvalidTitle.class)
                .expectNoEvents();
    }

    @Test
    void givenDocument_whenRetitleTo301Characters_thenInvalidTitle() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RetitleDocument(MONITOR_2022, REPORT_2022, "x".repeat(301)))
                .expectException(Titles.InvalidTitle.class);
    }

    @Test
    void givenEdition_whenRetitleUnknownDocument_thenUnknownDocument() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new RetitleDocument(MONITOR_2022, GRONINGEN_2022, "Groningen"))
                .expectException(Edition.UnknownDocument.class);
    }

    // --- reorder

    @Test
    void givenTwoDocuments_whenReorderThem_thenDocumentsReordered() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2))
                .when(new ReorderDocuments(MONITOR_2022, List.of(GRONINGEN_2022, REPORT_2022)))
                .expectEvents(new DocumentsReordered(MONITOR_2022, SERIES_ID, List.of(GRONINGEN_2022, REPORT_2022)));
    }

    @Test
    void givenTwoDocuments_whenReorderLeavesOneOut_thenInvalidOrder() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2))
                .when(new ReorderDocuments(MONITOR_2022, List.of(GRONINGEN_2022)))
                .expectException(Edition.InvalidOrder.class)
                .expectNoEvents();
    }

    @Test
    void givenTwoDocuments_whenReorderNamesOneTwice_thenInvalidOrder() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2))
                .when(new ReorderDocuments(MONITOR_2022, List.of(REPORT_2022, REPORT_2022)))
                .expectException(Edition.InvalidOrder.class);
    }

    @Test
    void givenWithdrawnDocument_whenReorderIncludesIt_thenInvalidOrder() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2),
                        report2022Withdrawn())
                .when(new ReorderDocuments(MONITOR_2022, List.of(GRONINGEN_2022, REPORT_2022)))
                .expectException(Edition.InvalidOrder.class);
    }

    @Test
    void givenReorderedDocuments_whenAddDocument_thenItComesLast() {
        fixture.given(monitor2022Created(), report2022Added(), groningenAdded(GRONINGEN_2022, 2),
                        new DocumentsReordered(MONITOR_2022, SERIES_ID, List.of(GRONINGEN_2022, REPORT_2022)))
                .when(new AddDocument(MONITOR_2022, SUMMARY_2022, "5-minutenversie", "samenvatting", null, null,
                        null, "nl", "5-minutenversie-2022.pdf", "application/pdf", 1000, SHA))
                .expectEvents(new DocumentAdded(SUMMARY_2022, MONITOR_2022, SERIES_ID, "5-minutenversie",
                        "samenvatting", null, null, null, "nl", 3, "5-minutenversie-2022.pdf", "application/pdf",
                        1000, SHA));
    }

    // --- replace file

    @Test
    void givenDocument_whenReplaceFile_thenSecondFileRevisionWithPreviousHash() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new ReplaceDocumentFile(MONITOR_2022, REPORT_2022, "application/pdf", 2097152, OTHER_SHA))
                .expectEvents(report2022FileReplaced());
    }

    @Test
    void givenReplacedFile_whenReplaceAgain_thenThirdFileRevision() {
        fixture.given(monitor2022Created(), report2022Added(), report2022FileReplaced())
                .when(new ReplaceDocumentFile(MONITOR_2022, REPORT_2022, "application/pdf", 1000, SHA))
                .expectEvents(new DocumentFileReplaced(REPORT_2022, MONITOR_2022, SERIES_ID, 3,
                        "monitor-integriteit-en-veiligheid-2022.pdf", "application/pdf", 1000, SHA, OTHER_SHA));
    }

    @Test
    void givenDocument_whenReplaceWithTheSameFile_thenSameFile() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new ReplaceDocumentFile(MONITOR_2022, REPORT_2022, "application/pdf", 1048576, SHA))
                .expectException(Edition.SameFile.class)
                .expectNoEvents();
    }

    @Test
    void givenWithdrawnDocument_whenReplaceFile_thenDocumentIsWithdrawn() {
        fixture.given(monitor2022Created(), report2022Added(), report2022Withdrawn())
                .when(new ReplaceDocumentFile(MONITOR_2022, REPORT_2022, "application/pdf", 1000, OTHER_SHA))
                .expectException(Edition.DocumentIsWithdrawn.class);
    }

    @Test
    void givenDocument_whenReplaceWithInvalidHash_thenInvalidFile() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new ReplaceDocumentFile(MONITOR_2022, REPORT_2022, "application/pdf", 1000, "ABC"))
                .expectException(Edition.InvalidFile.class);
    }

    @Test
    void givenEdition_whenReplaceFileOfUnknownDocument_thenUnknownDocument() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new ReplaceDocumentFile(MONITOR_2022, GRONINGEN_2022, "application/pdf", 1000, OTHER_SHA))
                .expectException(Edition.UnknownDocument.class);
    }

    // --- optimistic concurrency

    @Test
    void givenEditionAtVersion1_whenCommandExpectsVersion1_thenApplied() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new PublishEdition(MONITOR_2022, null), Map.of(Edition.EXPECTED_VERSION, 1L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenEditionAtVersion1_whenCommandExpectsVersion0_thenStaleVersion() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new PublishEdition(MONITOR_2022, null), Map.of(Edition.EXPECTED_VERSION, 0L))
                .expectException(Edition.StaleVersion.class)
                .expectNoEvents();
    }

    private static EditionArchived monitor2022Archived() {
        return new EditionArchived(MONITOR_2022, SERIES_ID);
    }
}
