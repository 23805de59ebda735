package nl.publicaties.catalog;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.catalog.seed.SeedImport;
import nl.publicaties.catalog.seed.SeedManifest;
import nl.publicaties.contracts.pages.SeriesPage;
import nl.publicaties.contracts.pages.SeriesSummary;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SeedImportIT extends IntegrationTestBase {

    @Autowired
    private BlobStore blobs;

    @Autowired
    private SeedImport seedImport;

    @Autowired
    private JdbcTemplate jdbc;

    private SeriesPage page;

    @BeforeEach
    void awaitSeriesPage() {
        page = await().atMost(Duration.ofSeconds(60)).until(this::seededPage, p -> p != null);
    }

    @Test
    void givenSeedManifest_whenServiceStarted_thenPageShowsTheThreeMonitorsNewestFirst() {
        assertThat(page.title()).isEqualTo("Monitor integriteit en veiligheid");
        assertThat(page.sections()).hasSize(1);
        assertThat(page.editions()).extracting(SeriesPage.EditionEntry::label)
                .containsExactly("Monitor 2022", "Monitor 2020", "Monitor 2018");
        assertThat(page.editions()).extracting(e -> e.documents().size()).containsExactly(16, 4, 3);

        List<SeriesPage.DocumentEntry> documents2022 = page.editions().get(0).documents();
        assertThat(documents2022.subList(0, 4)).allMatch(d -> d.regionCode() == null);
        assertThat(documents2022.subList(4, 16)).extracting(SeriesPage.DocumentEntry::regionCode)
                .doesNotContainNull().doesNotHaveDuplicates();
        assertThat(documents2022.get(0).title()).isEqualTo("Monitor integriteit en veiligheid 2022");
        assertThat(page.editions().get(2).documents().get(0).title()).isEqualTo("Monitor agressie en geweld 2018");
    }

    @Test
    void givenSeedManifest_whenServiceStarted_thenEveryDocumentHasItsListedSizeAndDownloadPath() throws IOException {
        Map<String, SeedManifest.Document> listed = manifest().series().get(0).editions().stream()
                .flatMap(e -> e.documents().stream())
                .collect(Collectors.toMap(SeedManifest.Document::id, Function.identity()));

        page.editions().stream().flatMap(e -> e.documents().stream()).forEach(document -> {
            SeedManifest.Document seed = listed.get(document.documentId());
            assertThat(document.sizeBytes()).as(document.title())
                    .isBetween(seed.file().sizeBytes(), seed.file().sizeBytes() + 4);
            assertThat(document.fileName()).isEqualTo(seed.fileName());
            assertThat(document.mediaType()).isEqualTo("application/pdf");
            assertThat(document.downloadPath())
                    .isEqualTo("/documents/" + document.documentId() + "/" + seed.fileName());
        });
    }

    @Test
    void givenSeededDocument_whenItsBlobIsRead_thenItIsAPdfWithTheTitleOnPageOne() throws IOException {
        SeriesPage.DocumentEntry groningen = page.editions().get(0).documents().stream()
                .filter(d -> "PV20".equals(d.regionCode())).findFirst().orElseThrow();

        Path file = blobs.find(groningen.sha256()).orElseThrow();
        assertThat(Files.size(file)).isEqualTo(groningen.sizeBytes());
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(1);
            assertThat(stripper.getText(pdf).replaceAll("\\s+", " ")).contains(groningen.title());
        }
    }

    @Test
    void givenSeedImported_whenImportRunsAgain_thenNothingIsAddedToTheEventStore() throws IOException {
        Long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);

        seedImport.run(new DefaultApplicationArguments());

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
        SeedManifest.Series monitor = manifest().series().get(0);
        List<String> seedAggregates = new java.util.ArrayList<>(List.of(monitor.id()));
        monitor.editions().forEach(e -> seedAggregates.add(e.id()));
        Long seedEvents = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = any(?)",
                Long.class, (Object) seedAggregates.toArray(String[]::new));
        // registered + 3 editions created + 23 documents added + 3 editions published
        assertThat(seedEvents).isEqualTo(1 + 3 + 23 + 3);
    }

    @Test
    void givenSeriesPage_whenRequestedWithItsEtag_thenNotModified() throws Exception {
        HttpResponse<String> first = get("/api/series/" + SLUG);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> second = get("/api/series/" + SLUG, "If-None-Match", etag);

        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        assertThat(second.headers().firstValue("ETag")).contains(etag);
    }

    @Test
    void givenUnknownSlug_whenRequested_thenNotFoundAsProblemJson() throws Exception {
        HttpResponse<String> response = get("/api/series/bestaat-niet");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":404").doesNotContain("Exception");
    }

    @Test
    void givenSeedImported_whenSeriesListed_thenMonitorIsListed() throws Exception {
        HttpResponse<String> response = get("/api/series");

        assertThat(response.statusCode()).isEqualTo(200);
        List<SeriesSummary> series = json.readValue(response.body(), new TypeReference<>() {
        });
        assertThat(series).extracting(SeriesSummary::slug).contains(SLUG);
    }

    @Test
    void givenService_whenHealthRequested_thenUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }

    private SeriesPage seededPage() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/series/" + SLUG);
        if (response.statusCode() != 200) {
            return null;
        }
        SeriesPage candidate = json.readValue(response.body(), SeriesPage.class);
        int documents = candidate.editions().stream().mapToInt(e -> e.documents().size()).sum();
        return candidate.editions().size() == 3 && documents == 23 ? candidate : null;
    }
}
