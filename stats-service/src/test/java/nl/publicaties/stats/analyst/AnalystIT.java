package nl.publicaties.stats.analyst;

import static nl.publicaties.stats.support.DownloadRequestedMother.fullDownloadOf;
import static nl.publicaties.stats.support.DownloadRequestedMother.newDocumentId;
import static nl.publicaties.stats.support.DownloadRequestedMother.withUserAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.stats.support.DownloadEvents;
import nl.publicaties.stats.support.StatsIntegrationTest;
import org.junit.jupiter.api.Test;

/** The analysts' views are closed to everyone else; the ledger reconciles; a rebuild restates and switches. */
class AnalystIT extends StatsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void givenNoOrAWrongToken_whenLedgerOrDashboardAsked_then401WithABasicChallenge() {
        for (String path : List.of("/api/analyst/ledger", "/api/analyst/events", "/dashboard")) {
            HttpResponse<String> anonymous = get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(send(request(path).header("Authorization", "Bearer wrong").GET()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void givenTheToken_whenDashboardAsked_thenDutchHtmlWithATableBehindEveryChartAndTheChartLibraryServed() {
        HttpResponse<String> page = getAsAnalyst("/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = page.body();
        assertThat(html).contains("<html lang=\"nl\">", "Telbeleid <strong>1.0</strong>", "bijgewerkt tot",
                "Provincies vergeleken", "Lanceercurves", "Uitsluitingen", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js");
        int charts = html.split("<canvas ", -1).length - 1;
        assertThat(charts).isEqualTo(5);
        assertThat(html.split("role=\"img\" aria-label=", -1).length - 1).isEqualTo(charts);
        assertThat(get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode()).isEqualTo(200);
        assertThat(getAsAnalyst("/dashboard/dashboard.js").statusCode()).isEqualTo(200);
    }

    @Test
    void givenAPeriodThatEndsBeforeItStarts_whenTheDashboardIsAsked_thenADutch400Page_notAServerError() {
        HttpResponse<String> page = getAsAnalyst("/dashboard?from=2026-05-01&to=2026-04-01");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"nl\">", "Ongeldige periode");
        assertThat(getAsAnalyst("/dashboard?from=2000-01-01&to=2999-12-31").statusCode())
                .as("a thousand years of days on one chart").isEqualTo(400);
        assertThat(getAsAnalyst("/dashboard?from=2026-11-01&to=2026-12-31").statusCode()).isEqualTo(200);
    }

    @Test
    void givenTheTokenAsBasicPassword_whenLedgerAsked_thenItReconciles() {
        String basic = Base64.getEncoder().encodeToString(("analist:" + ANALYST_TOKEN).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(request("/api/analyst/ledger").header("Authorization", "Basic " + basic).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> ledger = json.readValue(response.body(), Map.class);
        assertThat(ledger.get("reconciles")).isEqualTo(true);
    }

    @Test
    void givenARobotDownload_whenRawEventsAsked_thenItsUserAgentAndOutcomeShow() {
        String document = newDocumentId();
        try (DownloadEvents events = downloadEvents()) {
            events.send(withUserAgent(document, "curl/8.5.0"));
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<?, ?> raw = json.readValue(getAsAnalyst("/api/analyst/events?documentId=" + document).body(), Map.class);
            assertThat((List<?>) raw.get("events")).singleElement().satisfies(e -> {
                assertThat(((Map<?, ?>) e).get("outcome")).isEqualTo("robot");
                assertThat(((Map<?, ?>) e).get("userAgent")).isEqualTo("curl/8.5.0");
            });
        });
        Map<?, ?> ledger = json.readValue(getAsAnalyst("/api/analyst/ledger?documentId=" + document).body(), Map.class);
        assertThat(ledger.get("excludedByReason")).isEqualTo(Map.of("robot", 1));
        assertThat(ledger.get("rawEvents")).isEqualTo(1);
    }

    @Test
    void givenLiveFigures_whenRebuiltUnderPolicy10_thenTheNewSeriesGoesLiveWithTheSameFiguresAndTheOldStaysQueryable() {
        String document = newDocumentId();
        try (DownloadEvents events = downloadEvents()) {
            events.send(fullDownloadOf(document));
            events.send(withUserAgent(document, "Wget/1.21.4"));
        }
        await().atMost(PATIENCE).until(() -> countsOf(document).counted() == 1);
        DocumentCounts before = counts(document);
        String oldSeries = liveSeries();

        HttpResponse<String> started = send(request("/api/analyst/rebuilds?policyVersion=1.0")
                .header("Authorization", "Bearer " + ANALYST_TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).isEqualTo(202);
        String newSeries = (String) json.readValue(started.body(), Map.class).get("seriesId");
        try (DownloadEvents events = downloadEvents()) {
            events.send(fullDownloadOf(document)); // while rebuilding: must reach the new series too
        }

        await().atMost(PATIENCE).until(() -> newSeries.equals(liveSeries()));
        await().atMost(PATIENCE).until(() -> countsOf(document).counted() == 2);
        assertThat(counts(document).policyVersion()).isEqualTo(before.policyVersion());
        Map<?, ?> old = json.readValue(get("/api/counts/" + document + "?series=" + oldSeries).body(), Map.class);
        assertThat(old.get("seriesId")).isEqualTo(oldSeries);
        // retired at the switch: "as counted at the time" (the third download may or may not have reached it)
        assertThat(((Number) old.get("rawEvents")).intValue()).isBetween(2, 3);
        Map<?, ?> restated = json.readValue(get("/api/counts/" + document).body(), Map.class);
        assertThat(restated.get("exclusions")).isEqualTo(Map.of("robot", 1));
        assertThat(seriesState(oldSeries)).isEqualTo("retired");
    }

    @Test
    void givenAnUnknownPolicy_whenRebuildAsked_thenProblem400NamingTheKnownOnes() {
        HttpResponse<String> response = send(request("/api/analyst/rebuilds?policyVersion=9.9")
                .header("Authorization", "Bearer " + ANALYST_TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readValue(response.body(), Map.class).get("knownPolicyVersions")).isEqualTo(List.of("0.1", "1.0"));
    }

    private String liveSeries() {
        List<?> all = json.readValue(get("/api/figures/series").body(), List.class);
        return all.stream().map(s -> (Map<?, ?>) s).filter(s -> Boolean.TRUE.equals(s.get("live")))
                .map(s -> (String) s.get("seriesId")).findFirst().orElseThrow();
    }

    private String seriesState(String seriesId) {
        List<?> all = json.readValue(get("/api/figures/series").body(), List.class);
        return all.stream().map(s -> (Map<?, ?>) s).filter(s -> seriesId.equals(s.get("seriesId")))
                .map(s -> (String) s.get("state")).findFirst().orElseThrow();
    }
}
