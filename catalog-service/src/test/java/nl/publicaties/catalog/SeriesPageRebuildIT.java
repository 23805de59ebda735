package nl.publicaties.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.publicaties.catalog.config.AxonConfig;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.ArchiveEdition;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.command.ReorderDocuments;
import nl.publicaties.catalog.edition.command.ReplaceDocumentFile;
import nl.publicaties.catalog.edition.command.RestoreDocument;
import nl.publicaties.catalog.edition.command.RetitleDocument;
import nl.publicaties.catalog.edition.command.WithdrawDocument;
import nl.publicaties.catalog.series.command.RegisterSeries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The page tables are only a cache of the event store: reset the processor and the same pages come back. */
class SeriesPageRebuildIT extends IntegrationTestBase {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private CommandGateway commands;

    @Test
    void givenSeriesPage_whenProjectionIsResetAndReplayed_thenTheSamePageIsRebuilt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(this::fullPageEtag, tag -> tag != null);
        String before = fullPageEtag();
        String beforeBody = get("/api/series/" + SLUG).body();
        String edited = editedSeries();
        String editedBefore = await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/series/" + edited), r -> r.statusCode() == 200
                        && r.body().contains(LAST_TITLE) && r.body().contains("\"sha256\":\"" + "f".repeat(64)))
                .headers().firstValue("ETag").orElseThrow();
        StreamingEventProcessor projection = processing
                .eventProcessor(AxonConfig.SERIES_PAGE, StreamingEventProcessor.class).orElseThrow();

        projection.shutDown();
        projection.resetTokens();
        assertThat(get("/api/series/" + SLUG).statusCode()).as("page tables emptied by the reset").isEqualTo(404);
        projection.start();

        try {
            await().atMost(Duration.ofSeconds(60)).until(this::fullPageEtag, before::equals);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(get("/api/series/" + SLUG).body()).as("rebuilt page").isEqualTo(beforeBody);
            throw e;
        }
        await().atMost(Duration.ofSeconds(60)).until(
                () -> get("/api/series/" + edited).headers().firstValue("ETag").orElse(null), editedBefore::equals);
    }

    private static final String LAST_TITLE = "Rapport 2024 (definitief)";

    /** A series whose page went through every kind of editorial change; returns its slug. */
    private String editedSeries() {
        String seriesId = UUID.randomUUID().toString();
        String slug = "rebuild-" + seriesId.substring(0, 8);
        String editionId = UUID.randomUUID().toString();
        String archivedEditionId = UUID.randomUUID().toString();
        String report = UUID.randomUUID().toString();
        String groningen = UUID.randomUUID().toString();
        String drenthe = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterSeries(seriesId, slug, "Monitor rebuild", "intro", List.of(), null, null));
        commands.sendAndWait(new CreateEdition(archivedEditionId, seriesId, "Monitor 2022", 2022, null, null, null));
        commands.sendAndWait(document(archivedEditionId, UUID.randomUUID().toString(), "Rapport 2022", null, "a"));
        commands.sendAndWait(new PublishEdition(archivedEditionId, LocalDate.of(2023, 3, 1)));
        commands.sendAndWait(new ArchiveEdition(archivedEditionId));
        commands.sendAndWait(new CreateEdition(editionId, seriesId, "Monitor 2024", 2024, null, null, null));
        commands.sendAndWait(document(editionId, report, "Rapport 2024", null, "b"));
        commands.sendAndWait(document(editionId, groningen, "Factsheet Groningen", "PV20", "c"));
        commands.sendAndWait(document(editionId, drenthe, "Factsheet Drenthe", "PV22", "d"));
        commands.sendAndWait(new PublishEdition(editionId, null));
        commands.sendAndWait(new RetitleDocument(editionId, report, "Rapport 2024 (herzien)"));
        commands.sendAndWait(new ReorderDocuments(editionId, List.of(drenthe, report, groningen)));
        commands.sendAndWait(new ReplaceDocumentFile(editionId, report, "application/pdf", 3000, "f".repeat(64)));
        commands.sendAndWait(new WithdrawDocument(editionId, groningen, "fout"));
        commands.sendAndWait(new WithdrawDocument(editionId, drenthe, "fout"));
        commands.sendAndWait(new RestoreDocument(editionId, drenthe));
        // the last event: once the page shows it, it shows every change before it (one segment, in order)
        commands.sendAndWait(new RetitleDocument(editionId, report, LAST_TITLE));
        return slug;
    }

    private static AddDocument document(String editionId, String documentId, String title, String region,
                                        String hashDigit) {
        return new AddDocument(editionId, documentId, title, region == null ? "rapport" : "factsheet", null, region,
                region == null ? null : title.substring(title.indexOf(' ') + 1), "nl",
                title.toLowerCase().replace(' ', '-') + ".pdf", "application/pdf", 1000, hashDigit.repeat(64));
    }

    /** ETag of the series page once all 23 seed documents are on it, else null. */
    private String fullPageEtag() throws Exception {
        HttpResponse<String> response = get("/api/series/" + SLUG);
        if (response.statusCode() != 200 || response.body().split("\"documentId\"").length - 1 != 23) {
            return null;
        }
        return response.headers().firstValue("ETag").orElse(null);
    }
}
