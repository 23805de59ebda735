package nl.publicaties.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system as the run command starts it: real Kafka broker, real PostgreSQL, the four services as
 * separate JVMs from the jars this build packaged, driven over HTTP as a visitor would. Take any service out
 * of the flow and it fails: the page needs the catalog, the file needs the download service, the count
 * needs Kafka and the stats service, and the gateway carries all of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    private static final String REPORT_2022_ID = "9415a09c-db79-5882-a49b-756bfda6749c";
    private static final String EDITION_2022_ID = "dc20ffdb-6170-53d1-8a42-6aef56985e33";
    private static final String LIMBURG_2022_ID = "9efca8c5-3aee-5edb-b855-2c73638a7681";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A visitor's browser: the counting policy rightly excludes HTTP libraries such as Java's as robots. */
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static LaunchSettings settings;
    private static LocalSystem system;
    private static String reportLink;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("publicaties.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("launcher/target/e2e-data");
        deleteRecursively(data);
        Map<String, String> env = new HashMap<>();
        env.put("PUBLICATIES_DATA_DIR", data.toString());
        for (String port : new String[] {"GATEWAY_PORT", "CATALOG_PORT", "DOWNLOAD_PORT", "STATS_PORT", "KAFKA_PORT",
                "KAFKA_CONTROLLER_PORT", "POSTGRES_PORT"}) {
            env.put(port, String.valueOf(freePort()));
        }
        settings = LaunchSettings.from(env, root);
        system = startTimed("first start");
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void givenTheSeed_whenAVisitorOpensTheSeriesPage_thenEditionsDocumentsSizesAndBaselineCountsShow() throws Exception {
        HttpResponse<String> page = get(settings.pageUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String html = page.body();
        assertThat(html).contains("lang=\"nl\"", "Monitor integriteit en veiligheid",
                "Dit onderzoek geeft inzicht in de mate waarin politieke ambtsdragers");
        assertThat(html.indexOf("Monitor 2022")).isLessThan(html.indexOf("Monitor 2020"));
        assertThat(html.indexOf("Monitor 2020")).isLessThan(html.indexOf("Monitor 2018"));
        assertThat(html).contains("Monitor integriteit en veiligheid 2022 5-minutenversie", "Monitor agressie en geweld 2018",
                "1,0 MB", "238,2 KB", "78,9 KB", "860,8 KB", "366 downloads", "227 downloads");
        for (String province : new String[] {"Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
                "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"}) {
            assertThat(html).contains("Factsheet Monitor integriteit en veiligheid 2022 – " + province);
        }
        assertThat(occurrences(html, "366 downloads")).isEqualTo(1);

        Matcher link = Pattern.compile("href=\"(/documents/" + REPORT_2022_ID + "/[^\"]+)\"").matcher(html);
        assertThat(link.find()).as("the page links the 2022 report").isTrue();
        reportLink = link.group(1);
    }

    @Test
    @Order(2)
    void whenAVisitorFollowsTheReportLink_thenARealPdfWithItsTitleArrives() throws Exception {
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + reportLink)).header("User-Agent", BROWSER).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
        assertThat(file.body().length).isBetween(1_000_000, 1_100_000);
        try (PDDocument pdf = Loader.loadPDF(file.body())) {
            PDFTextStripper text = new PDFTextStripper();
            text.setStartPage(1);
            text.setEndPage(1);
            assertThat(text.getText(pdf)).contains("Monitor integriteit en veiligheid 2022");
        }
    }

    @Test
    @Order(3)
    void givenThatDownload_whenTheVisitorReloadsThePage_thenTheCountIsOneHigherWithinTwoSeconds() throws Exception {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> get(settings.pageUrl()).body().contains("367 downloads"));
        System.out.printf("count visible on the page %d ms after the download completed%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(get(settings.pageUrl()).body()).doesNotContain("366 downloads");
    }

    @Test
    @Order(4)
    void givenAStoppedSystem_whenItStartsAgainOnTheSameData_thenCatalogAndCountsAreAsTheyWere() throws Exception {
        system.close();
        system = null;
        system = startTimed("restart on the same data");

        String html = get(settings.pageUrl()).body();
        assertThat(html).contains("367 downloads", "355 downloads");
        assertThat(occurrences(html, "Factsheet Monitor integriteit en veiligheid 2022 – ")).isEqualTo(12);
        assertThat(occurrences(html, "href=\"/documents/" + REPORT_2022_ID + "/")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void givenTheAnalystTokenTheLauncherIssued_whenAnAnalystReadsTheLedger_thenTheVisitorsDownloadIsThereAndStrangersAreRefused()
            throws Exception {
        String token = Files.readString(settings.dataDir().resolve("analyst-token")).strip();
        String ledger = "http://localhost:" + settings.statsPort() + "/api/analyst/ledger?documentId=" + REPORT_2022_ID;

        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(URI.create(ledger)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> analyst = HTTP.send(HttpRequest.newBuilder(URI.create(ledger))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(analyst.statusCode()).isEqualTo(200);
        assertThat(analyst.body()).contains(REPORT_2022_ID).contains("\"counted\":1");
    }

    @Test
    @Order(6)
    void givenTheEditorTokenTheCatalogIssued_whenAnEditorWithdrawsAFactsheet_thenItLeavesThePageAndItsLinkIsGone()
            throws Exception {
        String factsheetLink = "/documents/" + LIMBURG_2022_ID + "/";
        Matcher link = Pattern.compile("href=\"(" + factsheetLink + "[^\"]+)\"").matcher(get(settings.pageUrl()).body());
        assertThat(link.find()).as("the page links the Limburg factsheet").isTrue();
        String withdraw = adminUrl("/editions/" + EDITION_2022_ID + "/documents/" + LIMBURG_2022_ID + "/withdraw");

        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(URI.create(withdraw))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"cijfers herzien\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> editor = HTTP.send(HttpRequest.newBuilder(URI.create(withdraw))
                .header("Authorization", "Bearer " + editorToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"cijfers herzien\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(editor.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            String html = get(settings.pageUrl()).body();
            assertThat(html).doesNotContain(factsheetLink);
            assertThat(occurrences(html, "Factsheet Monitor integriteit en veiligheid 2022 – ")).isEqualTo(11);
        });
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(settings.gatewayUrl() + link.group(1)).statusCode() == 410);
        HttpResponse<String> gone = get(settings.gatewayUrl() + link.group(1));
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(gone.body()).as("a visitor following an old link gets the Dutch page")
                .contains("Document ingetrokken").doesNotContain("withdrawn");
    }

    @Test
    @Order(7)
    void whenAnEditorReplacesTheReportsFile_thenTheSameLinkServesTheNewFileWithANewETag() throws Exception {
        HttpResponse<byte[]> before = getBytes(settings.gatewayUrl() + reportLink);
        byte[] revised = pdfWithText("Monitor integriteit en veiligheid 2022 - herziene versie");
        String boundary = "publicaties-" + System.nanoTime();
        byte[] multipart = concat(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rapport.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                revised,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> replaced = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl(
                        "/editions/" + EDITION_2022_ID + "/documents/" + REPORT_2022_ID + "/file")))
                .header("Authorization", "Bearer " + editorToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> getBytes(settings.gatewayUrl() + reportLink).body().length == revised.length);
        HttpResponse<byte[]> after = getBytes(settings.gatewayUrl() + reportLink);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(revised);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(before.headers().firstValue("ETag"));
    }

    @Test
    @Order(8)
    void givenAnAnalystInABrowser_whenTheFiguresAreRebuilt_thenTheDashboardShowsTheEditionsAndThePageKeepsItsCounts()
            throws Exception {
        String stats = "http://localhost:" + settings.statsPort();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("analist:" + analystToken()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> dashboard = HTTP.send(HttpRequest.newBuilder(URI.create(stats + "/dashboard"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("lang=\"nl\"", "Monitor 2022");

        Thread.sleep(2_000); // let the downloads of the tests before this one be counted
        List<String> countsBefore = downloadCounts(get(settings.pageUrl()).body());
        assertThat(countsBefore).hasSizeGreaterThan(20);
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(stats + "/api/analyst/rebuilds?policyVersion=1.0"))
                .header("Authorization", "Bearer " + analystToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = stats + started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create(status)).header("Authorization", "Bearer " + analystToken()).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"state\":\"live\""));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(downloadCounts(get(settings.pageUrl()).body())).isEqualTo(countsBefore));
    }

    private static LocalSystem startTimed(String what) throws Exception {
        long start = System.nanoTime();
        LocalSystem started = LocalSystem.start(settings, line -> System.out.println("[launcher] " + line));
        System.out.printf("%s: ready in %.1f s%n", what, (System.nanoTime() - start) / 1e9);
        return started;
    }

    private static HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", BROWSER).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @Order(9)
    void givenAFactsheetUploadedUnderItsNonAsciiName_whenAVisitorDownloadsIt_thenItArrivesUnderThatName()
            throws Exception {
        String name = "Factsheet Monitor integriteit en veiligheid 2024 – Fryslân.pdf";
        String seriesId = field(HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/editions/"
                + EDITION_2022_ID))).header("Authorization", "Bearer " + editorToken()).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "seriesId");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/series/" + seriesId
                        + "/editions"))).header("Authorization", "Bearer " + editorToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"Monitor 2024\",\"year\":2024}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String editionId = field(created.body(), "editionId");
        byte[] factsheet = pdfWithText("Factsheet Monitor integriteit en veiligheid 2024 - Fryslan");
        String boundary = "publicaties-" + System.nanoTime();
        byte[] multipart = concat(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                        + "Factsheet Monitor integriteit en veiligheid 2024 – Fryslân\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nfactsheet\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"regionCode\"\r\n\r\nPV21\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"regionName\"\r\n\r\nFryslân\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8), // as browsers send it
                factsheet,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/editions/" + editionId
                        + "/documents"))).header("Authorization", "Bearer " + editorToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/editions/" + editionId
                        + "/publish"))).header("Authorization", "Bearer " + editorToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"publishedOn\":\"2024-11-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        String encoded = "Factsheet%20Monitor%20integriteit%20en%20veiligheid%202024%20%E2%80%93%20Frysl%C3%A2n.pdf";
        Matcher link = Pattern.compile("href=\"(/documents/[0-9a-f-]{36}/" + Pattern.quote(encoded) + ")\"")
                .matcher("");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> link.reset(get(settings.pageUrl()).body()).find());
        HttpResponse<byte[]> download = getBytes(settings.gatewayUrl() + link.group(1));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(factsheet);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\""
                + "Factsheet Monitor integriteit en veiligheid 2024 _ Fryslan.pdf\"; filename*=UTF-8''" + encoded);
    }

    /** One string field of a JSON object, by name (the admin API's answers are flat enough for this). */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(value.find()).as("%s in %s", name, json).isTrue();
        return value.group(1);
    }

    private static String adminUrl(String path) {
        return "http://localhost:" + settings.catalogPort() + "/api/admin" + path;
    }

    private static String analystToken() throws IOException {
        return Files.readString(settings.dataDir().resolve("analyst-token")).strip();
    }

    private static List<String> downloadCounts(String html) {
        List<String> counts = new ArrayList<>();
        Matcher count = Pattern.compile("[0-9.]+ downloads").matcher(html);
        while (count.find()) {
            counts.add(count.group());
        }
        return counts;
    }

    private static String editorToken() throws IOException {
        return Files.readString(settings.dataDir().resolve("editor-token")).strip();
    }

    private static byte[] pdfWithText(String text) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 720);
                content.showText(text);
                content.endText();
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", BROWSER).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
