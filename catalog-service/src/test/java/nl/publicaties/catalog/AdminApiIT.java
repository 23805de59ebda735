package nl.publicaties.catalog;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.blobstore.BlobStore;
import nl.publicaties.catalog.edition.query.EditionView;
import nl.publicaties.catalog.seed.StandInPdf;
import nl.publicaties.catalog.series.query.SeriesView;
import nl.publicaties.contracts.pages.SeriesPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The editors' API over real HTTP: authentication, the editorial flow, bad input, concurrency, history. */
class AdminApiIT extends IntegrationTestBase {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};

    @Autowired
    private BlobStore blobs;

    @Autowired
    private JdbcTemplate jdbc;

    // --- authentication and authorisation

    @Test
    void givenNoToken_whenRegisterSeries_then401Problem() throws Exception {
        HttpResponse<String> response = sendJson("POST", "/api/admin/series", null, seriesRequest(slug()));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void givenUnknownToken_whenReadEdition_then401Problem() throws Exception {
        assertProblem(send("GET", "/api/admin/editions/" + UUID.randomUUID(), "not-a-token", null, null), 401);
    }

    @Test
    void givenAuditorToken_whenRegisterSeries_then403ProblemAndNothingRegistered() throws Exception {
        String slug = slug();
        HttpResponse<String> response = sendJson("POST", "/api/admin/series", AUDITOR_TOKEN, seriesRequest(slug));

        assertProblem(response, 403);
        assertThat(jdbc.queryForObject("select count(*) from series_slug where slug = ?", Long.class, slug)).isZero();
    }

    @Test
    void givenAuditorToken_whenReadHistoryOfSeedEdition_thenEventsWithSeedImportAsActor() throws Exception {
        String monitor2022 = manifest().series().get(0).editions().get(0).id();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                send("GET", "/api/admin/editions/" + monitor2022 + "/history", AUDITOR_TOKEN, null, null)
                        .statusCode() == 200);

        JsonNode history = json.readTree(send("GET", "/api/admin/editions/" + monitor2022 + "/history",
                AUDITOR_TOKEN, null, null).body());

        assertThat(history.get(0).get("event").asString()).isEqualTo("EditionCreated");
        assertThat(history.get(0).get("actor").asString()).isEqualTo("seed-import");
        assertThat(history.get(0).get("time").asString()).isNotBlank();
        assertThat(history.get(1).get("changes").get("title").asString()).isNotBlank();
    }

    @Test
    void givenNoToken_whenPublicPageAndHealthRequested_thenOpenAndCacheableByETag() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/series/" + SLUG).statusCode() == 200);
        HttpResponse<String> page = get("/api/series/" + SLUG);

        assertThat(page.headers().firstValue("ETag")).isPresent();
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).doesNotContain("no-store");
        assertThat(get("/api/series").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs").body()).contains("/api/admin/editions/{editionId}/documents");
    }

    // --- the editorial flow

    @Test
    void givenEditor_whenSeriesEditionDocumentsArePublishedAndEdited_thenPageAndHistoryFollow() throws Exception {
        String slug = slug();
        SeriesView series = registerSeries(slug);
        EditionView edition = createEdition(series.seriesId(), "Monitor 2024", 2024);
        assertThat(edition.published()).isFalse();

        byte[] reportPdf = pdf("Monitor 2024", 2_500_000);
        edition = addDocument(edition.editionId(), "Monitor 2024", "rapport", null, null, reportPdf);
        String report = edition.documents().get(0).documentId();
        assertThat(edition.documents().get(0).mediaType()).isEqualTo("application/pdf");
        assertThat(edition.documents().get(0).sizeBytes()).isEqualTo(reportPdf.length);
        assertThat(blobs.find(edition.documents().get(0).sha256())).isPresent();
        edition = addDocument(edition.editionId(), "Factsheet Monitor 2024 – Fryslân", "factsheet", "PV21", "Fryslân",
                pdf("Fryslân", 2000));
        String groningen = edition.documents().get(1).documentId();
        // the name the editor's file had, accents and all, and its URL percent-encoded
        assertThat(edition.documents().get(1).fileName()).isEqualTo("Factsheet Monitor 2024 – Fryslân.pdf");
        assertThat(edition.documents().get(1).downloadPath()).isEqualTo("/documents/" + groningen
                + "/Factsheet%20Monitor%202024%20%E2%80%93%20Frysl%C3%A2n.pdf");

        HttpResponse<String> published = sendJson("POST", "/api/admin/editions/" + edition.editionId() + "/publish",
                editorToken(), Map.of("publishedOn", "2024-05-01"));
        assertThat(published.statusCode()).isEqualTo(200);
        SeriesPage page = awaitPage(slug, p -> p.editions().size() == 1);
        assertThat(page.editions().get(0).documents()).extracting(SeriesPage.DocumentEntry::documentId)
                .containsExactly(report, groningen);

        ok(sendJson("PUT", "/api/admin/editions/" + edition.editionId() + "/documents/" + report + "/title",
                editorToken(), Map.of("title", "Monitor integriteit 2024")));
        ok(sendJson("PUT", "/api/admin/editions/" + edition.editionId() + "/document-order", editorToken(),
                Map.of("documentIds", List.of(groningen, report))));
        String oldSha = edition.documents().get(0).sha256();
        Multipart newFile = new Multipart().file("file", "monitor-2024-v2.pdf", "application/pdf",
                pdf("Monitor 2024 v2", 3000));
        EditionView replaced = json.readValue(ok(send("PUT", "/api/admin/editions/" + edition.editionId()
                + "/documents/" + report + "/file", editorToken(), newFile.contentType(), newFile.bytes())).body(),
                EditionView.class);
        EditionView.DocumentView replacedReport = replaced.documents().stream()
                .filter(d -> d.documentId().equals(report)).findFirst().orElseThrow();
        assertThat(replacedReport.sha256()).isNotEqualTo(oldSha);
        assertThat(replacedReport.fileRevision()).isEqualTo(2);
        assertThat(replacedReport.fileName()).isEqualTo(edition.documents().get(0).fileName());
        assertThat(blobs.find(oldSha)).as("old file kept for audit").isPresent();

        SeriesPage edited = awaitPage(slug, p -> p.editions().get(0).documents().get(0).documentId().equals(groningen)
                && p.editions().get(0).documents().get(1).sha256().equals(replacedReport.sha256()));
        assertThat(edited.editions().get(0).documents().get(1).title()).isEqualTo("Monitor integriteit 2024");
        assertThat(edited.editions().get(0).documents().get(1).downloadPath())
                .isEqualTo(page.editions().get(0).documents().get(0).downloadPath());

        assertProblem(sendJson("POST", "/api/admin/editions/" + edition.editionId() + "/documents/"
                + UUID.randomUUID() + "/withdraw", editorToken(), Map.of("reason", "fout in de cijfers")), 404);
        assertProblem(sendJson("POST", "/api/admin/editions/" + edition.editionId() + "/documents/" + groningen
                + "/withdraw", editorToken(), Map.of("reason", "fout\u0000")), 422);
        ok(sendJson("POST", "/api/admin/editions/" + edition.editionId() + "/documents/" + groningen + "/withdraw",
                editorToken(), Map.of("reason", "fout in de cijfers")));
        awaitPage(slug, p -> p.editions().get(0).documents().size() == 1);
        ok(send("POST", "/api/admin/editions/" + edition.editionId() + "/documents/" + groningen + "/restore",
                editorToken(), null, null));
        SeriesPage restored = awaitPage(slug, p -> p.editions().get(0).documents().size() == 2);
        assertThat(restored.editions().get(0).documents()).extracting(SeriesPage.DocumentEntry::documentId)
                .containsExactly(report, groningen);

        JsonNode history = json.readTree(ok(send("GET", "/api/admin/editions/" + edition.editionId() + "/history",
                editorToken(), null, null)).body());
        assertThat(history.findValuesAsString("event")).containsExactly("EditionCreated", "DocumentAdded",
                "DocumentAdded", "EditionPublished", "DocumentRetitled", "DocumentsReordered", "DocumentFileReplaced",
                "DocumentWithdrawn", "DocumentRestored");
        assertThat(history.findValuesAsString("actor")).containsOnly("editor");
        assertThat(history.get(4).get("changes").get("previousTitle").asString()).isEqualTo("Monitor 2024");
        JsonNode documentHistory = json.readTree(ok(send("GET", "/api/admin/editions/" + edition.editionId()
                + "/documents/" + groningen + "/history", AUDITOR_TOKEN, null, null)).body());
        assertThat(documentHistory.findValuesAsString("event")).containsExactly("DocumentAdded",
                "DocumentsReordered", "DocumentWithdrawn", "DocumentRestored");
        JsonNode seriesHistory = json.readTree(ok(send("GET", "/api/admin/series/" + series.seriesId() + "/history",
                editorToken(), null, null)).body());
        assertThat(seriesHistory.findValuesAsString("event")).containsExactly("SeriesRegistered");

        ok(send("POST", "/api/admin/editions/" + edition.editionId() + "/archive", editorToken(), null, null));
        HttpResponse<String> gone = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/series/" + slug), r -> r.body().contains("\"editions\":[]"));
        assertThat(gone.statusCode()).isEqualTo(200);
    }

    // --- rules and bad input

    @Test
    void givenRegisteredSlug_whenRegisterAnotherSeriesWithIt_then409Problem() throws Exception {
        String slug = slug();
        registerSeries(slug);

        HttpResponse<String> response = sendJson("POST", "/api/admin/series", editorToken(), seriesRequest(slug));

        assertProblem(response, 409);
        assertThat(response.body()).contains("slug-taken");
    }

    @Test
    void givenSeriesRefusedForItsTitle_whenRegisteredAgainWithATitle_thenTheSlugWasNotKept() throws Exception {
        String slug = slug();
        Map<String, Object> untitled = new java.util.HashMap<>(seriesRequest(slug));
        untitled.put("title", " ");

        assertProblem(sendJson("POST", "/api/admin/series", editorToken(), untitled), 422);
        assertThat(registerSeries(slug).slug()).isEqualTo(slug);
    }

    @Test
    void givenEditor_whenRegisterSeriesWithInvalidSlug_then422Problem() throws Exception {
        assertProblem(sendJson("POST", "/api/admin/series", editorToken(), seriesRequest("Not A Slug")), 422);
    }

    @Test
    void givenEditor_whenMalformedJson_then400Problem() throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/series", editorToken(), "application/json",
                "{\"slug\": \"x\", ".getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 400);
    }

    @Test
    void givenEditor_whenJsonSentAsPlainText_then415Problem() throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/series", editorToken(), "text/plain",
                json.writeValueAsBytes(seriesRequest(slug())));

        assertProblem(response, 415);
    }

    @Test
    void givenEditor_whenUnknownEdition_then404Problem() throws Exception {
        assertProblem(send("GET", "/api/admin/editions/" + UUID.randomUUID(), editorToken(), null, null), 404);
    }

    @Test
    void givenDraftEditionWithoutDocuments_whenPublish_then409Problem() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2025", 2025);

        HttpResponse<String> response = send("POST", "/api/admin/editions/" + edition.editionId() + "/publish",
                editorToken(), null, null);

        assertProblem(response, 409);
        assertThat(response.body()).contains("Nothing to publish");
    }

    @Test
    void givenEditor_whenUploadingAPngNamedPdf_then415ProblemAndNoDocument() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        Multipart upload = new Multipart().field("title", "Vervalst").field("kind", "rapport")
                .file("file", "rapport.pdf", "application/pdf", PNG);

        HttpResponse<String> response = send("POST", "/api/admin/editions/" + edition.editionId() + "/documents",
                editorToken(), upload.contentType(), upload.bytes());

        assertProblem(response, 415);
        assertThat(response.body()).contains("image/png");
        assertThat(readEdition(edition.editionId()).documents()).isEmpty();
    }

    @Test
    void givenEditor_whenUploadingTextNamedPdf_then415Problem() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        Multipart upload = new Multipart().field("title", "Tekst").field("kind", "rapport")
                .file("file", "rapport.pdf", "application/pdf", "Dit is geen PDF.".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send("POST", "/api/admin/editions/" + edition.editionId() + "/documents",
                editorToken(), upload.contentType(), upload.bytes());

        assertProblem(response, 415);
        assertThat(response.body()).contains("text/plain");
    }

    @Test
    void givenUploadLimitOf3MB_whenUploadingMore_then413Problem() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        Multipart upload = new Multipart().field("title", "Te groot").field("kind", "rapport")
                .file("file", "groot.pdf", "application/pdf", pdf("Te groot", 3_500_000));

        HttpResponse<String> response = send("POST", "/api/admin/editions/" + edition.editionId() + "/documents",
                editorToken(), upload.contentType(), upload.bytes());

        assertProblem(response, 413);
    }

    @Test
    void givenEditor_whenUploadWithoutFile_then400Problem() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        Multipart upload = new Multipart().field("title", "Leeg").field("kind", "rapport");

        assertProblem(send("POST", "/api/admin/editions/" + edition.editionId() + "/documents", editorToken(),
                upload.contentType(), upload.bytes()), 400);
    }

    @Test
    void givenEditor_whenSecondFactsheetForTheSameProvince_then409ProblemAndOneFactsheet() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        addDocument(edition.editionId(), "Factsheet Groningen", "factsheet", "PV20", "Groningen", pdf("G", 1000));
        Multipart upload = new Multipart().field("title", "Nog een Groningen").field("kind", "factsheet")
                .field("regionCode", "PV20").field("regionName", "Groningen")
                .file("file", "groningen-2.pdf", "application/pdf", pdf("G2", 1000));

        HttpResponse<String> response = send("POST", "/api/admin/editions/" + edition.editionId() + "/documents",
                editorToken(), upload.contentType(), upload.bytes());

        assertProblem(response, 409);
        assertThat(readEdition(edition.editionId()).documents()).hasSize(1);
    }

    // --- optimistic concurrency

    @Test
    void givenStaleIfMatch_whenRetitle_then412ProblemAndCurrentIfMatchSucceeds() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);
        HttpResponse<String> read = ok(send("GET", "/api/admin/editions/" + edition.editionId(), editorToken(),
                null, null));
        String etag = read.headers().firstValue("ETag").orElseThrow();
        edition = addDocument(edition.editionId(), "Monitor 2024", "rapport", null, null, pdf("M", 1000));
        String path = "/api/admin/editions/" + edition.editionId() + "/documents/"
                + edition.documents().get(0).documentId() + "/title";

        HttpResponse<String> stale = sendJson("PUT", path, editorToken(), Map.of("title", "Nieuw"),
                "If-Match", etag);
        assertProblem(stale, 412);

        String current = ok(send("GET", "/api/admin/editions/" + edition.editionId(), editorToken(), null, null))
                .headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> fresh = ok(sendJson("PUT", path, editorToken(), Map.of("title", "Nieuw"),
                "If-Match", current));
        assertThat(fresh.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(current);
        assertThat(readEdition(edition.editionId()).documents().get(0).title()).isEqualTo("Nieuw");
    }

    @Test
    void givenIfMatchThatIsNoVersion_whenPublish_then412Problem() throws Exception {
        EditionView edition = createEdition(registerSeries(slug()).seriesId(), "Monitor 2024", 2024);

        assertProblem(send("POST", "/api/admin/editions/" + edition.editionId() + "/publish", editorToken(), null,
                null, "If-Match", "\"abc\""), 412);
    }

    // --- helpers

    private static String slug() {
        return "monitor-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> seriesRequest(String slug) {
        return Map.of("slug", slug, "title", "Monitor agressie en geweld", "introduction", "Tweejaarlijks onderzoek.",
                "sections", List.of(Map.of("title", "Over de monitor", "body", "Onderzoek onder ambtsdragers.")),
                "commissionedBy", "Ministerie van BZK", "researchedBy", "Ipsos I&O");
    }

    private SeriesView registerSeries(String slug) throws Exception {
        HttpResponse<String> response = sendJson("POST", "/api/admin/series", editorToken(), seriesRequest(slug));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).isPresent();
        return json.readValue(response.body(), SeriesView.class);
    }

    private EditionView createEdition(String seriesId, String label, int year) throws Exception {
        HttpResponse<String> response = sendJson("POST", "/api/admin/series/" + seriesId + "/editions",
                editorToken(), Map.of("label", label, "year", year));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readValue(response.body(), EditionView.class);
    }

    private EditionView addDocument(String editionId, String title, String kind, String regionCode,
                                    String regionName, byte[] file) throws Exception {
        Multipart upload = new Multipart().field("title", title).field("kind", kind);
        if (regionCode != null) {
            upload.field("regionCode", regionCode).field("regionName", regionName);
        }
        upload.file("file", title + ".pdf", "application/octet-stream", file);
        HttpResponse<String> response = send("POST", "/api/admin/editions/" + editionId + "/documents",
                editorToken(), upload.contentType(), upload.bytes());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readValue(response.body(), EditionView.class);
    }

    private EditionView readEdition(String editionId) throws Exception {
        return json.readValue(ok(send("GET", "/api/admin/editions/" + editionId, editorToken(), null, null)).body(),
                EditionView.class);
    }

    private SeriesPage awaitPage(String slug, java.util.function.Predicate<SeriesPage> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get("/api/series/" + slug);
            return response.statusCode() == 200 ? json.readValue(response.body(), SeriesPage.class) : null;
        }, page -> page != null && condition.test(page));
    }

    private static byte[] pdf(String title, long size) throws IOException {
        return StandInPdf.generate(UUID.randomUUID().toString(), title, "test", size);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
    }
}
