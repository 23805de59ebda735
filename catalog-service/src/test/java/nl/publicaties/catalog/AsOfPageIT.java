package nl.publicaties.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.publicaties.catalog.edition.command.AddDocument;
import nl.publicaties.catalog.edition.command.CreateEdition;
import nl.publicaties.catalog.edition.command.PublishEdition;
import nl.publicaties.catalog.edition.command.RetitleDocument;
import nl.publicaties.catalog.edition.command.WithdrawDocument;
import nl.publicaties.catalog.series.command.RegisterSeries;
import nl.publicaties.contracts.pages.SeriesPage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/series/{slug}?asOf=…}: the page as it stood then, computed from the events. */
class AsOfPageIT extends IntegrationTestBase {

    @Autowired
    private CommandGateway commands;

    @Test
    void givenSeedPage_whenAskedAsOfNow_thenIdenticalToTheLivePage() throws Exception {
        String live = await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/series/" + SLUG),
                r -> r.statusCode() == 200 && r.body().split("\"documentId\"").length - 1 == 23).body();

        HttpResponse<String> asOf = get("/api/series/" + SLUG + "?asOf=" + Instant.now());

        assertThat(asOf.statusCode()).isEqualTo(200);
        assertThat(asOf.body()).isEqualTo(live);
    }

    @Test
    void givenSeriesRegisteredToday_whenAskedAsOf2023_then404Problem() throws Exception {
        HttpResponse<String> response = get("/api/series/" + SLUG + "?asOf=2023-01-01T00:00:00Z");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void givenNotAnInstant_whenAskedAsOf_then400Problem() throws Exception {
        HttpResponse<String> response = get("/api/series/" + SLUG + "?asOf=gisteren");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void givenEditsAfterAnInstant_whenAskedAsOfThatInstant_thenThePageBeforeTheEdits() throws Exception {
        String seriesId = UUID.randomUUID().toString();
        String slug = "as-of-" + seriesId.substring(0, 8);
        String editionId = UUID.randomUUID().toString();
        String report = UUID.randomUUID().toString();
        String summary = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterSeries(seriesId, slug, "Monitor as-of", null, List.of(), null, null));
        commands.sendAndWait(new CreateEdition(editionId, seriesId, "Monitor 2023", 2023, null, null, null));
        commands.sendAndWait(document(editionId, report, "Rapport 2023", "a"));
        commands.sendAndWait(document(editionId, summary, "Samenvatting 2023", "b"));
        Instant beforePublication = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(beforePublication));
        commands.sendAndWait(new PublishEdition(editionId, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(beforePublication.plusMillis(5)));
        Instant published = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(published));
        commands.sendAndWait(new RetitleDocument(editionId, report, "Rapport 2023 (herzien)"));
        commands.sendAndWait(new WithdrawDocument(editionId, summary, "verouderd"));

        SeriesPage before = json.readValue(get("/api/series/" + slug + "?asOf=" + beforePublication).body(),
                SeriesPage.class);
        SeriesPage atPublication = json.readValue(get("/api/series/" + slug + "?asOf=" + published).body(),
                SeriesPage.class);
        SeriesPage now = json.readValue(get("/api/series/" + slug + "?asOf=" + Instant.now()).body(),
                SeriesPage.class);

        assertThat(before.editions()).as("draft editions are never on the page").isEmpty();
        assertThat(atPublication.editions().get(0).documents()).extracting(SeriesPage.DocumentEntry::title)
                .containsExactly("Rapport 2023", "Samenvatting 2023");
        assertThat(now.editions().get(0).documents()).extracting(SeriesPage.DocumentEntry::title)
                .containsExactly("Rapport 2023 (herzien)");
        // the page projection runs behind the event store: until it has the series the slug answers 404
        SeriesPage live = await().atMost(Duration.ofSeconds(30)).until(
                () -> json.readValue(get("/api/series/" + slug).body(), SeriesPage.class),
                p -> p.editions() != null && p.editions().size() == 1 && p.editions().get(0).documents().size() == 1);
        assertThat(now).isEqualTo(live);
    }

    private static AddDocument document(String editionId, String documentId, String title, String hashDigit) {
        return new AddDocument(editionId, documentId, title, "rapport", null, null, null, "nl",
                title.toLowerCase().replace(' ', '-') + ".pdf", "application/pdf", 1000, hashDigit.repeat(64));
    }
}
