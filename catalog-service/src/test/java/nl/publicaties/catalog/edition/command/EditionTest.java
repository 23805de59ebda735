package nl.publicaties.catalog.edition.command;

import java.time.LocalDate;
import nl.publicaties.catalog.Titles;
import nl.publicaties.catalog.edition.event.DocumentAdded;
import nl.publicaties.catalog.edition.event.DocumentWithdrawn;
import nl.publicaties.catalog.edition.event.EditionPublished;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static nl.publicaties.catalog.edition.command.EditionMother.*;

class EditionTest {

    private FixtureConfiguration<Edition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Edition.class);
    }

    @Test
    void givenNothing_whenCreateEdition_thenDraftEditionCreated() {
        fixture.givenNoPriorActivity()
                .when(createMonitor2022())
                .expectSuccessfulHandlerExecution()
                .expectEvents(monitor2022Created());
    }

    @Test
    void givenNothing_whenCreateEditionWithoutLabel_thenInvalidTitle() {
        fixture.givenNoPriorActivity()
                .when(new CreateEdition(MONITOR_2022, SERIES_ID, " ", 2022, null, null, null))
                .expectException(Titles.InvalidTitle.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenCreateEditionWithoutSeries_thenMissingSeries() {
        fixture.givenNoPriorActivity()
                .when(new CreateEdition(MONITOR_2022, null, "Monitor 2022", 2022, null, null, null))
                .expectException(Edition.MissingSeries.class);
    }

    @Test
    void givenDraftEdition_whenAddDocument_thenDocumentAddedAtFirstPosition() {
        fixture.given(monitor2022Created())
                .when(addReport2022())
                .expectEvents(report2022Added());
    }

    @Test
    void givenDocumentAdded_whenAddRegionalDocument_thenItGetsTheNextPosition() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(addGroningen(GRONINGEN_2022))
                .expectEvents(groningenAdded(GRONINGEN_2022, 2));
    }

    @Test
    void givenDraftEdition_whenAddDocumentWithoutTitle_thenInvalidTitle() {
        fixture.given(monitor2022Created())
                .when(addReport2022Titled(null))
                .expectException(Titles.InvalidTitle.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEdition_whenAddDocumentWithTitleOf301Characters_thenInvalidTitle() {
        fixture.given(monitor2022Created())
                .when(addReport2022Titled("x".repeat(301)))
                .expectException(Titles.InvalidTitle.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("at most 300"));
    }

    @Test
    void givenDraftEdition_whenAddDocumentWithTitleOf300Characters_thenDocumentAdded() {
        fixture.given(monitor2022Created())
                .when(addReport2022Titled("x".repeat(300)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenDocumentAdded_whenAddSameDocumentIdAgain_thenDuplicateDocument() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(addReport2022())
                .expectException(Edition.DuplicateDocument.class)
                .expectNoEvents();
    }

    @Test
    void givenWithdrawnDocument_whenAddSameDocumentIdAgain_thenDuplicateDocument() {
        fixture.given(monitor2022Created(), report2022Added(), report2022Withdrawn())
                .when(addReport2022())
                .expectException(Edition.DuplicateDocument.class);
    }

    @Test
    void givenGroningenFactsheet_whenAddSecondGroningenFactsheet_thenRegionAlreadyCovered() {
        fixture.given(monitor2022Created(), groningenAdded(GRONINGEN_2022, 1))
                .when(addGroningen(ANOTHER_GRONINGEN))
                .expectException(Edition.RegionAlreadyCovered.class)
                .expectNoEvents();
    }

    @Test
    void givenGroningenFactsheetWithdrawn_whenAddReplacementGroningenFactsheet_thenDocumentAdded() {
        fixture.given(monitor2022Created(), groningenAdded(GRONINGEN_2022, 1),
                        new DocumentWithdrawn(GRONINGEN_2022, MONITOR_2022, "fout in cijfers"))
                .when(addGroningen(ANOTHER_GRONINGEN))
                .expectEvents(groningenAdded(ANOTHER_GRONINGEN, 2));
    }

    /**
     * Text an event cannot carry further is refused before it is stored: a NUL that PostgreSQL rejects would stop the
     * page projection for good, and an audience longer than its column likewise.
     */
    @Test
    void givenDraftEdition_whenAddDocumentWithANulInItsTitleOrAnAudienceTooLong_thenInvalidTextAndNoEvent() {
        fixture.given(monitor2022Created())
                .when(addReport2022Titled("Monitor\u0000 2022"))
                .expectException(Titles.InvalidTitle.class)
                .expectNoEvents();
        AddDocument command = addReport2022();
        fixture.given(monitor2022Created())
                .when(new AddDocument(command.editionId(), command.documentId(), command.title(), command.kind(),
                        "a".repeat(201), null, null, "nl", command.fileName(), command.mediaType(),
                        command.sizeBytes(), command.sha256()))
                .expectException(nl.publicaties.catalog.Texts.InvalidText.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenCreateEditionWithAnIntroductionOfAMegabyte_thenInvalidTextAndNoEvent() {
        fixture.givenNoPriorActivity()
                .when(new CreateEdition(MONITOR_2022, SERIES_ID, "Monitor 2022", 2022, "x".repeat(1_100_000), null,
                        null))
                .expectException(nl.publicaties.catalog.Texts.InvalidText.class)
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenCreateEditionWithLineBreaksInItsIntroduction_thenCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateEdition(MONITOR_2022, SERIES_ID, "Monitor 2022", 2022, "Eerste.\n\nTweede.\tNu.",
                        null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenDraftEdition_whenAddDocumentWithInvalidHash_thenInvalidFile() {
        AddDocument command = addReport2022();
        fixture.given(monitor2022Created())
                .when(new AddDocument(command.editionId(), command.documentId(), command.title(), command.kind(),
                        null, null, null, "nl", command.fileName(), command.mediaType(), command.sizeBytes(),
                        "not-a-hash"))
                .expectException(Edition.InvalidFile.class);
    }

    @Test
    void givenDraftEdition_whenAddDocumentUnderItsRealNonAsciiName_thenAddedUnderThatName() {
        AddDocument command = addReport2022();
        String name = "Factsheet Monitor integriteit en veiligheid 2022 – Fryslân.pdf";
        fixture.given(monitor2022Created())
                .when(new AddDocument(command.editionId(), command.documentId(), command.title(), command.kind(),
                        null, null, null, "nl", name, command.mediaType(), command.sizeBytes(), command.sha256()))
                .expectEvents(new DocumentAdded(REPORT_2022, MONITOR_2022, SERIES_ID,
                        "Monitor integriteit en veiligheid 2022", "rapport", null, null, null, "nl", 1, name,
                        "application/pdf", 1048576, SHA));
    }

    @Test
    void givenDraftEdition_whenAddDocumentNamedLikeAPath_thenInvalidFile() {
        AddDocument command = addReport2022();
        fixture.given(monitor2022Created())
                .when(new AddDocument(command.editionId(), command.documentId(), command.title(), command.kind(),
                        null, null, null, "nl", "../../blobs/rapport.pdf", command.mediaType(), command.sizeBytes(),
                        command.sha256()))
                .expectException(Edition.InvalidFile.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEditionWithDocument_whenPublishEdition_thenEditionPublished() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new PublishEdition(MONITOR_2022, LocalDate.of(2023, 3, 1)))
                .expectEvents(monitor2022Published());
    }

    @Test
    void givenDraftEditionWithoutDocuments_whenPublishEdition_thenNothingToPublish() {
        fixture.given(monitor2022Created())
                .when(new PublishEdition(MONITOR_2022, null))
                .expectException(Edition.NothingToPublish.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEditionWhoseOnlyDocumentIsWithdrawn_whenPublishEdition_thenNothingToPublish() {
        fixture.given(monitor2022Created(), report2022Added(), report2022Withdrawn())
                .when(new PublishEdition(MONITOR_2022, null))
                .expectException(Edition.NothingToPublish.class);
    }

    @Test
    void givenPublishedEdition_whenPublishAgain_thenAlreadyPublished() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published())
                .when(new PublishEdition(MONITOR_2022, null))
                .expectException(Edition.AlreadyPublished.class)
                .expectNoEvents();
    }

    @Test
    void givenPublishedEdition_whenWithdrawDocument_thenDocumentWithdrawn() {
        fixture.given(monitor2022Created(), report2022Added(), monitor2022Published())
                .when(new WithdrawDocument(MONITOR_2022, REPORT_2022, "vervangen"))
                .expectEvents(report2022Withdrawn());
    }

    @Test
    void givenEdition_whenWithdrawUnknownDocument_thenUnknownDocument() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new WithdrawDocument(MONITOR_2022, GRONINGEN_2022, "onbekend"))
                .expectException(Edition.UnknownDocument.class)
                .expectNoEvents();
    }

    @Test
    void givenWithdrawnDocument_whenWithdrawAgain_thenAlreadyWithdrawn() {
        fixture.given(monitor2022Created(), report2022Added(), report2022Withdrawn())
                .when(new WithdrawDocument(MONITOR_2022, REPORT_2022, "nogmaals"))
                .expectException(Edition.AlreadyWithdrawn.class)
                .expectNoEvents();
    }

    @Test
    void givenDraftEditionWithDocument_whenPublishWithoutDate_thenPublishedWithUnknownDate() {
        fixture.given(monitor2022Created(), report2022Added())
                .when(new PublishEdition(MONITOR_2022, null))
                .expectEvents(new EditionPublished(MONITOR_2022, SERIES_ID, null));
    }
}
