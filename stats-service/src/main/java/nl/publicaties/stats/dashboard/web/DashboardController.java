package nl.publicaties.stats.dashboard.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import nl.publicaties.stats.analyst.query.AnalystQuery;
import nl.publicaties.stats.figures.query.FiguresQuery;
import nl.publicaties.stats.figures.query.InvalidFigureRequestException;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysts' dashboard (Dutch, behind {@code AnalystAccess}). Rendered on the server: every chart has its
 * data table right under it (WCAG 2.1 AA, 1.1.1: the table is the text alternative and works without
 * JavaScript); Chart.js from the WebJar only draws what the tables already say.
 */
@Controller
class DashboardController {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Ten years of days: as far as the launch curves go. */
    private static final int MAX_DAYS = 3660;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.forLanguageTag("nl"));
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.forLanguageTag("nl"))
            .withZone(ZONE);
    private static final Map<String, String> REASONS = Map.of(
            "counted", "geteld",
            "double-click", "dubbelklik (binnen 30 s herhaald)",
            "robot", "robot (COUNTER-robotlijst)",
            "not-a-get", "geen GET (bijv. HEAD)",
            "status-not-counted", "status telt niet",
            "range-not-from-start", "deelverzoek niet vanaf byte 0");

    private final FiguresQuery figures;
    private final AnalystQuery analyst;
    private final SeriesStore series;
    private final JsonMapper json;

    DashboardController(FiguresQuery figures, AnalystQuery analyst, SeriesStore series, JsonMapper json) {
        this.figures = figures;
        this.analyst = analyst;
        this.series = series;
        this.json = json;
    }

    /** A period that ends before it starts, or spans more than ten years: a Dutch page that says so. */
    @ExceptionHandler(InvalidFigureRequestException.class)
    ResponseEntity<String> invalidPeriod(InvalidFigureRequestException e) {
        String page = """
                <!DOCTYPE html>
                <html lang="nl">
                <head><meta charset="utf-8"><title>Ongeldige periode</title></head>
                <body>
                <main>
                <h1>Ongeldige periode</h1>
                <p>De gevraagde periode kan niet worden getoond: de einddatum ligt vóór de begindatum, of de periode is
                langer dan tien jaar.</p>
                <p class="meta">%s</p>
                <p><a href="/dashboard">Naar het dashboard van de laatste 90 dagen</a></p>
                </main>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(e.getMessage()));
        return ResponseEntity.badRequest().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(page);
    }

    @GetMapping("/dashboard")
    ResponseEntity<String> dashboard(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(ZONE) : to;
        LocalDate start = from == null ? end.minusDays(89) : from;
        FiguresQuery.Frame frame = figures.frame(null, start, end);
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new InvalidFigureRequestException("The dashboard shows at most " + MAX_DAYS + " days, not "
                    + start + " to " + end + ".");
        }
        // the lines run to the period's end, or to today when the end is still to come (no points for future days)
        LocalDate lastDay = end.isAfter(LocalDate.now(ZONE)) ? LocalDate.now(ZONE) : end;

        List<FiguresQuery.DayGroup> perEdition = figures.groupedPerDay(FiguresQuery.Grouping.EDITION, frame);
        List<FiguresQuery.DayGroup> perKind = figures.groupedPerDay(FiguresQuery.Grouping.KIND, frame);
        FiguresQuery.Groups provinces = figures.grouped(FiguresQuery.Grouping.PROVINCE, start, end, 50, null);
        FiguresQuery.Groups editions = figures.grouped(FiguresQuery.Grouping.EDITION, start, end, 50, null);
        FiguresQuery.LaunchCurves curves = figures.launchCurves(90, null);
        AnalystQuery.Ledger ledger = analyst.ledger(start, end, null, null);

        List<FiguresQuery.Group> factsheets = provinces.groups().stream().filter(g -> g.key() != null).toList();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("counted", ledger.counted());
        outcomes.putAll(ledger.excludedByReason());

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("editionsOverTime", series(perEdition, start, lastDay));
        data.put("kindsOverTime", series(perKind, start, lastDay));
        data.put("provinces", Map.of("labels", factsheets.stream().map(FiguresQuery.Group::label).toList(),
                "values", factsheets.stream().map(FiguresQuery.Group::totalItemRequests).toList()));
        data.put("launchCurves", curves.editions().stream().map(c -> Map.of("label", c.label(),
                "points", c.points().stream().map(p -> Map.of("x", p.daysSincePublication(), "y", p.cumulative())).toList()))
                .toList());
        data.put("outcomes", Map.of("labels", outcomes.keySet().stream().map(k -> REASONS.getOrDefault(k, k)).toList(),
                "values", List.copyOf(outcomes.values())));

        StringBuilder html = new StringBuilder(32_000);
        html.append("""
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Downloadstatistieken – dashboard voor analisten</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/dashboard/dashboard.css">
                </head>
                <body>
                <a class="skip" href="#inhoud">Direct naar de inhoud</a>
                <header><h1>Downloadstatistieken</h1>
                """);
        html.append("<p>Telbeleid <strong>").append(esc(frame.policyVersion())).append("</strong> (reeks ")
                .append(esc(frame.seriesId())).append(") · bijgewerkt tot <strong>")
                .append(frame.asOf() == null ? "nog geen downloads" : esc(MOMENT.format(frame.asOf())))
                .append("</strong> · periode ").append(esc(DAY.format(start))).append(" t/m ").append(esc(DAY.format(end)))
                .append("</p>\n");
        html.append("""
                <form method="get" action="/dashboard"><fieldset><legend>Periode</legend>
                <label for="from">Van</label> <input id="from" name="from" type="date" value="%s">
                <label for="to">Tot en met</label> <input id="to" name="to" type="date" value="%s">
                <button type="submit">Toon</button></fieldset></form>
                </header>
                <main id="inhoud">
                """.formatted(start, end));

        section(html, "edities", "Downloads per dag per editie",
                "Lijngrafiek: getelde downloads (Total_Item_Requests) per dag, per editie. De tabel eronder bevat dezelfde cijfers.",
                "chart-editions", dayTable("Getelde downloads per dag per editie", perEdition));
        section(html, "soorten", "Downloads per dag per soort document",
                "Lijngrafiek: getelde downloads per dag per soort document (rapport, samenvatting, factsheet, bijlage).",
                "chart-kinds", dayTable("Getelde downloads per dag per soort document", perKind));
        section(html, "provincies", "Provincies vergeleken (factsheets)",
                "Staafgrafiek: getelde downloads van de provinciale factsheets, per provincie.",
                "chart-provinces", groupTable("Factsheets per provincie", "Provincie", factsheets));
        section(html, "lancering", "Lanceercurves: downloads naar dagen sinds publicatie",
                "Lijngrafiek: cumulatieve getelde downloads per editie, naar het aantal dagen sinds publicatie (eerste 90 dagen).",
                "chart-launch", launchTable(curves));
        section(html, "uitsluitingen", "Uitsluitingen (grootboek)",
                "Staafgrafiek: alle ontvangen downloadverzoeken in de periode, naar uitkomst: geteld of uitgesloten met reden.",
                "chart-outcomes", ledgerTable(ledger));
        html.append("<section aria-labelledby=\"h-edities-totaal\"><h2 id=\"h-edities-totaal\">Totalen per editie</h2>\n")
                .append(groupTable("Totalen per editie in de periode", "Editie", editions.groups())).append("</section>\n");
        html.append("<section aria-labelledby=\"h-reeksen\"><h2 id=\"h-reeksen\">Reeksen van cijfers</h2>\n")
                .append(seriesTable(series.all())).append("</section>\n");
        html.append("</main>\n<script type=\"application/json\" id=\"chart-data\">")
                .append(json.writeValueAsString(data).replace("</", "<\\/"))
                .append("</script>\n<script src=\"/webjars/chart.js/4.5.1/dist/chart.umd.min.js\"></script>\n")
                .append("<script src=\"/dashboard/dashboard.js\"></script>\n</body>\n</html>\n");
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(html.toString());
    }

    /**
     * One line per group over every day from {@code first} to {@code last}: a day without downloads is a 0 on the
     * line, not a day left out (the line would join across it and hide the dip). Lines are per group key; two groups
     * under one label (two editions both called "Monitor 2022") stay two lines.
     */
    static Map<String, Object> series(List<FiguresQuery.DayGroup> rows, LocalDate first, LocalDate last) {
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<String, String> labelOf = new LinkedHashMap<>();
        Map<String, Map<LocalDate, Long>> byKey = new LinkedHashMap<>();
        rows.forEach(r -> {
            days.add(r.day());
            String key = r.key() == null ? "" : r.key();
            labelOf.putIfAbsent(key, r.label());
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(r.day(), r.totalItemRequests(), Long::sum);
        });
        if (!days.isEmpty()) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                days.add(day);
            }
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        byKey.forEach((key, values) -> lines.add(Map.of("label", labelOf.get(key),
                "values", days.stream().map(d -> values.getOrDefault(d, 0L)).toList())));
        return Map.of("labels", days.stream().map(LocalDate::toString).toList(), "lines", lines);
    }

    private static void section(StringBuilder html, String id, String title, String alternative, String canvas, String table) {
        html.append("<section aria-labelledby=\"h-").append(id).append("\"><h2 id=\"h-").append(id).append("\">")
                .append(esc(title)).append("</h2>\n<figure><div class=\"chart\"><canvas id=\"").append(canvas)
                .append("\" role=\"img\" aria-label=\"").append(esc(alternative + " Zie de tabel hieronder."))
                .append("\"></canvas></div>\n<figcaption>").append(esc(alternative)).append("</figcaption></figure>\n")
                .append(table).append("</section>\n");
    }

    private static String dayTable(String caption, List<FiguresQuery.DayGroup> rows) {
        if (rows.isEmpty()) {
            return "<p>Geen getelde downloads in deze periode.</p>\n";
        }
        StringBuilder t = new StringBuilder(open(caption))
                .append("<thead><tr><th scope=\"col\">Dag</th><th scope=\"col\">Groep</th><th scope=\"col\" class=\"n\">Downloads</th></tr></thead><tbody>\n");
        rows.forEach(r -> t.append("<tr><td>").append(esc(DAY.format(r.day()))).append("</td><th scope=\"row\">")
                .append(esc(r.label())).append("</th><td class=\"n\">").append(r.totalItemRequests()).append("</td></tr>\n"));
        return t.append("</tbody></table></div>\n").toString();
    }

    private static String groupTable(String caption, String what, List<FiguresQuery.Group> groups) {
        if (groups.isEmpty()) {
            return "<p>Geen getelde downloads in deze periode.</p>\n";
        }
        StringBuilder t = new StringBuilder(open(caption))
                .append("<thead><tr><th scope=\"col\">").append(esc(what))
                .append("</th><th scope=\"col\" class=\"n\">Geteld (Total_Item_Requests)</th><th scope=\"col\" class=\"n\">Unieke verzoeken (Unique_Item_Requests)</th><th scope=\"col\" class=\"n\">Uitgesloten</th></tr></thead><tbody>\n");
        groups.forEach(g -> t.append("<tr><th scope=\"row\">").append(esc(g.label())).append("</th><td class=\"n\">")
                .append(g.totalItemRequests()).append("</td><td class=\"n\">").append(g.uniqueItemRequests())
                .append("</td><td class=\"n\">").append(g.excludedEvents()).append("</td></tr>\n"));
        return t.append("</tbody></table></div>\n").toString();
    }

    private static String launchTable(FiguresQuery.LaunchCurves curves) {
        if (curves.editions().isEmpty()) {
            return "<p>Nog geen downloads van gepubliceerde edities binnen 90 dagen na publicatie.</p>\n";
        }
        StringBuilder t = new StringBuilder(open("Cumulatieve downloads per editie naar dagen sinds publicatie")
                + "<thead><tr><th scope=\"col\">Editie</th><th scope=\"col\">Gepubliceerd</th><th scope=\"col\" class=\"n\">Dag</th><th scope=\"col\" class=\"n\">Downloads die dag</th><th scope=\"col\" class=\"n\">Cumulatief</th></tr></thead><tbody>\n");
        curves.editions().forEach(c -> c.points().forEach(p -> t.append("<tr><th scope=\"row\">").append(esc(c.label()))
                .append("</th><td>").append(esc(DAY.format(c.publishedOn()))).append("</td><td class=\"n\">")
                .append(p.daysSincePublication()).append("</td><td class=\"n\">").append(p.totalItemRequests())
                .append("</td><td class=\"n\">").append(p.cumulative()).append("</td></tr>\n")));
        return t.append("</tbody></table></div>\n").toString();
    }

    private static String ledgerTable(AnalystQuery.Ledger ledger) {
        StringBuilder t = new StringBuilder(open("Ontvangen verzoeken = geteld + uitgesloten"
                        + (ledger.reconciles() ? " (sluit)" : " (SLUIT NIET – meld dit)")))
                .append("<thead><tr><th scope=\"col\">Uitkomst</th><th scope=\"col\" class=\"n\">Verzoeken</th></tr></thead><tbody>\n")
                .append("<tr><th scope=\"row\">").append(esc(REASONS.get("counted"))).append("</th><td class=\"n\">")
                .append(ledger.counted()).append("</td></tr>\n");
        ledger.excludedByReason().forEach((reason, n) -> t.append("<tr><th scope=\"row\">uitgesloten: ")
                .append(esc(REASONS.getOrDefault(reason, reason))).append("</th><td class=\"n\">").append(n).append("</td></tr>\n"));
        t.append("</tbody><tfoot><tr><th scope=\"row\">Ontvangen (ruw)</th><td class=\"n\">").append(ledger.rawEvents())
                .append("</td></tr></tfoot></table></div>\n");
        return t.toString();
    }

    private static String seriesTable(List<SeriesStore.Series> all) {
        StringBuilder t = new StringBuilder(open("Live reeks en eerdere tellingen (\"zoals destijds geteld\")")
                + "<thead><tr><th scope=\"col\">Reeks</th><th scope=\"col\">Telbeleid</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"n\">Geteld</th><th scope=\"col\" class=\"n\">Uitgesloten</th><th scope=\"col\">Bijgewerkt tot</th></tr></thead><tbody>\n");
        all.forEach(s -> t.append("<tr><th scope=\"row\">").append(esc(s.seriesId())).append("</th><td>")
                .append(esc(s.policyVersion())).append("</td><td>").append(switch (s.state()) {
                    case "live" -> "live";
                    case "building" -> "wordt opgebouwd";
                    default -> "vervangen";
                }).append("</td><td class=\"n\">").append(s.countedEvents()).append("</td><td class=\"n\">")
                .append(s.excludedEvents()).append("</td><td>").append(s.asOf() == null ? "–" : esc(MOMENT.format(s.asOf())))
                .append("</td></tr>\n"));
        return t.append("</tbody></table></div>\n").toString();
    }

    /** A scrolling table wrapper must be reachable by keyboard (WCAG 2.1.1) and named for screen readers. */
    private static String open(String caption) {
        return "<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"" + esc(caption) + "\"><table><caption>"
                + esc(caption) + "</caption>\n";
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
