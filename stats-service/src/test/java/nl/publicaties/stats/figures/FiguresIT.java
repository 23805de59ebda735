package nl.publicaties.stats.figures;

import static nl.publicaties.stats.support.DownloadRequestedMother.clickAt;
import static nl.publicaties.stats.support.DownloadRequestedMother.headOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.publicaties.contracts.catalog.DocumentAdded;
import nl.publicaties.contracts.catalog.EditionCreated;
import nl.publicaties.contracts.catalog.EditionPublished;
import nl.publicaties.contracts.catalog.SeriesRegistered;
import nl.publicaties.contracts.download.DownloadRequested;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Figures per day, per edition/series/province/kind, top N, launch curves and the monthly export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiguresIT extends StatsIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final String series = UUID.randomUUID().toString();
    private final String edition = UUID.randomUUID().toString();
    private final String groningen = UUID.randomUUID().toString();
    private final String limburg = UUID.randomUUID().toString();
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    @BeforeAll
    void catalogAndDownloads() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (DownloadEvents events = downloadEvents()) {
            events.sendCatalog(series, SeriesRegistered.TYPE, new SeriesRegistered(series, "monitor-test-" + series.substring(0, 8),
                    "Monitor figuren-test", "", List.of(), "BZK", "Ipsos I&O"));
            events.sendCatalog(edition, EditionCreated.TYPE, new EditionCreated(edition, series, "Monitor figuren-test 2026", 2026, "", ""));
            events.sendCatalog(edition, EditionPublished.TYPE, new EditionPublished(edition, series, today.minusDays(3)));
            events.sendCatalog(edition, DocumentAdded.TYPE, new DocumentAdded(groningen, edition, series,
                    "Factsheet figuren-test – Groningen", "factsheet", null, "PV20", "Groningen", "nl", 1,
                    "factsheet-groningen.pdf", "application/pdf", 1000, "00"));
            events.sendCatalog(edition, DocumentAdded.TYPE, new DocumentAdded(limburg, edition, series,
                    "Factsheet figuren-test – Limburg", "factsheet", null, "PV31", "Limburg", "nl", 2,
                    "Factsheet figuren-test – Limburg.pdf", "application/pdf", 1000, "00"));
            // Groningen: three visitors, one of them double-clicks; Limburg: one visitor, plus a HEAD
            events.send(clickAt(groningen, "v-g1", now.minusSeconds(100)));
            events.send(clickAt(groningen, "v-g1", now.minusSeconds(90)));
            events.send(clickAt(groningen, "v-g2", now.minusSeconds(80)));
            events.send(clickAt(groningen, "v-g3", now.minusSeconds(70)));
            events.send(clickAt(limburg, "v-l1", now.minusSeconds(60)));
            DownloadRequested head = headOf(limburg);
            events.send(head);
        }
        await().atMost(PATIENCE).until(() -> groups("province").stream().anyMatch(g -> "Limburg".equals(g.get("label"))
                && ((Number) g.get("rawEvents")).intValue() == 2)
                && groups("province").stream().anyMatch(g -> "Groningen".equals(g.get("label"))
                && ((Number) g.get("totalItemRequests")).intValue() == 3));
    }

    @Test
    void givenFactsheetDownloads_whenGroupedByProvince_thenEachProvinceHasItsTotalAndUniqueRequests() {
        Map<?, ?> groningenRow = groups("province").stream().filter(g -> "Groningen".equals(g.get("label"))).findFirst().orElseThrow();

        assertThat(groningenRow.get("key")).isEqualTo("PV20");
        assertThat(groningenRow.get("totalItemRequests")).isEqualTo(3);
        assertThat(groningenRow.get("uniqueItemRequests")).isEqualTo(3);
        assertThat(groningenRow.get("excludedEvents")).isEqualTo(1);
    }

    @Test
    void givenTheEdition_whenGroupedByEditionAndSeries_thenLabelsComeFromTheCatalog() {
        assertThat(groups("edition")).anySatisfy(g -> {
            assertThat(g.get("key")).isEqualTo(edition);
            assertThat(g.get("label")).isEqualTo("Monitor figuren-test 2026");
            assertThat(g.get("totalItemRequests")).isEqualTo(4);
        });
        assertThat(groups("series")).anySatisfy(g -> assertThat(g.get("label")).isEqualTo("Monitor figuren-test"));
        assertThat(groups("kind")).anySatisfy(g -> assertThat(g.get("key")).isEqualTo("factsheet"));
    }

    @Test
    void givenADocument_whenAskedPerDay_thenTodayHasItsFiguresAndTheFrameNamesThePolicy() {
        Map<?, ?> answer = json.readValue(get("/api/figures/documents/" + groningen + "/days?from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1)).body(), Map.class);

        assertThat(((Map<?, ?>) answer.get("frame")).get("policyVersion")).isEqualTo("1.0");
        List<?> days = (List<?>) answer.get("days");
        assertThat(days).hasSize(1);
        assertThat(((Map<?, ?>) days.get(0)).get("totalItemRequests")).isEqualTo(3);
        assertThat(((Map<?, ?>) days.get(0)).get("rawEvents")).isEqualTo(4);
    }

    @Test
    void givenARangeBeforeTheDownloads_whenAskedPerDay_thenNoDays() {
        Map<?, ?> answer = json.readValue(get("/api/figures/documents/" + groningen + "/days?from=2020-01-01&to=2020-12-31")
                .body(), Map.class);

        assertThat((List<?>) answer.get("days")).isEmpty();
    }

    @Test
    void givenTopTwoAskedForToday_whenAnswered_thenTwoDocumentsBiggestFirst() {
        Map<?, ?> answer = json.readValue(get("/api/figures/top?n=2&from=" + today + "&to=" + today).body(), Map.class);
        List<?> groups = (List<?>) answer.get("groups");

        assertThat(groups).hasSize(2);
        long first = ((Number) ((Map<?, ?>) groups.get(0)).get("totalItemRequests")).longValue();
        long second = ((Number) ((Map<?, ?>) groups.get(1)).get("totalItemRequests")).longValue();
        assertThat(first).isGreaterThanOrEqualTo(second);
    }

    @Test
    void givenThePublishedEdition_whenLaunchCurvesAsked_thenDayThreeHoldsTheDownloads() {
        Map<?, ?> answer = json.readValue(get("/api/figures/launch-curves?days=30").body(), Map.class);

        assertThat((List<?>) answer.get("editions")).anySatisfy(e -> {
            Map<?, ?> curve = (Map<?, ?>) e;
            assertThat(curve.get("editionId")).isEqualTo(edition);
            assertThat(curve.get("points")).isEqualTo(List.of(
                    Map.of("daysSincePublication", 3, "totalItemRequests", 4, "cumulative", 4)));
        });
    }

    @Test
    void givenThisMonth_whenExportedAsCsv_thenCounterItemReportRowsPerMetric() {
        String month = YearMonth.from(today).toString();
        HttpResponse<String> csv = get("/api/figures/exports/" + month + ".csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("Item,Publisher,Platform,Proprietary_ID,URI,Data_Type,YOP,")
                .contains(",Metric_Type,Reporting_Period_Total,");
        assertThat(csv.body()).contains("Factsheet figuren-test – Groningen,", ",Total_Item_Requests,3,3,1.0,",
                ",Unique_Item_Requests,3,3,1.0,", "publicaties:" + groningen, "/documents/" + groningen + "/factsheet-groningen.pdf",
                // a real file name is a percent-encoded path segment in the URI, as on the public page
                "/documents/" + limburg + "/Factsheet%20figuren-test%20%E2%80%93%20Limburg.pdf");
    }

    @Test
    void givenThisMonth_whenExportedForExcel_thenSemicolonsAndAByteOrderMark_soDutchExcelReadsColumnsAndAccents() {
        HttpResponse<String> csv = get("/api/figures/exports/" + YearMonth.from(today) + ".csv?excel=true");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFItem;Publisher;Platform;Proprietary_ID;")
                .contains(";Total_Item_Requests;3;3;1.0;");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).contains("-excel.csv"));
    }

    @Test
    void givenCatalogEventsTheCopyCannotTake_whenRead_thenSkipped_andTheNextOnTheirPartitionIsCopied() {
        String edition = java.util.UUID.randomUUID().toString();
        String document = java.util.UUID.randomUUID().toString();
        try (DownloadEvents events = downloadEvents()) {
            // no series id; then a title with a NUL, which PostgreSQL refuses (kept on catalog.events for good)
            events.sendCatalog(edition, EditionPublished.TYPE, new EditionPublished(edition, null, today));
            events.sendCatalog(edition, DocumentAdded.TYPE, new DocumentAdded(UUID.randomUUID().toString(), edition,
                    series, "a\u0000b", "factsheet", null, null, null, null, 1, "nul.pdf", "application/pdf", 1,
                    "b".repeat(64)));
            events.sendCatalog(edition, DocumentAdded.TYPE, new DocumentAdded(document, edition, series,
                    "Na een onleesbaar bericht", "factsheet", null, null, null, null, 1, "na.pdf", "application/pdf", 1,
                    "b".repeat(64)));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from catalog_document where document_id = ?::uuid", Integer.class, document) == 1);
    }

    @Test
    void givenThisMonth_whenExportedAsJson_thenHeaderNamesPolicyAndItemsCarryPerformance() {
        Map<?, ?> report = json.readValue(get("/api/figures/exports/" + YearMonth.from(today) + ".json").body(), Map.class);

        Map<?, ?> header = (Map<?, ?>) report.get("Report_Header");
        assertThat(header.get("Report_ID")).isEqualTo("IR");
        assertThat(header.get("Policy_Version")).isEqualTo("1.0");
        assertThat((List<?>) report.get("Report_Items")).anySatisfy(i -> {
            Map<?, ?> item = (Map<?, ?>) i;
            assertThat(item.get("Proprietary_ID")).isEqualTo("publicaties:" + limburg);
            assertThat(item.get("Province")).isEqualTo("Limburg");
            assertThat(item.get("Performance")).isEqualTo(Map.of("Total_Item_Requests", 1, "Unique_Item_Requests", 1));
        });
    }

    @Test
    void givenBadRequests_whenAsked_thenProblemJson400() {
        for (String path : List.of("/api/figures/groups?by=colour", "/api/figures/top?n=0", "/api/figures/exports/2026-13.csv",
                "/api/figures/documents/not-a-uuid/days", "/api/figures/documents/" + groningen + "/days?from=2026-02-30",
                "/api/figures/groups?from=2026-05-01&to=2026-04-01")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
        assertThat(get("/api/figures/groups?series=no-such-series").statusCode()).isEqualTo(404);
    }

    private List<Map<?, ?>> groups(String by) {
        Map<?, ?> answer = json.readValue(get("/api/figures/groups?by=" + by).body(), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> groups = (List<Map<?, ?>>) answer.get("groups");
        return groups;
    }
}
