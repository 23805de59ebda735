package nl.publicaties.stats.figures.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.publicaties.stats.figures.query.FiguresQuery;
import nl.publicaties.stats.figures.query.InvalidFigureRequestException;
import nl.publicaties.stats.series.storage.SeriesStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public figures: open data, no personal data (no visitor keys, no user agents). */
@RestController
@RequestMapping("/api/figures")
class FiguresController {

    static final int MAX_GROUPS = 500;

    private final FiguresQuery query;
    private final SeriesStore series;
    private final MonthlyExport export;

    FiguresController(FiguresQuery query, SeriesStore series, MonthlyExport export) {
        this.query = query;
        this.series = series;
        this.export = export;
    }

    /** Every series of figures: the live one, restatements being built, and retired ones ("as counted then"). */
    @GetMapping("/series")
    List<SeriesStore.Series> allSeries() {
        return series.all();
    }

    @GetMapping("/documents/{documentId}/days")
    FiguresQuery.Days perDay(@PathVariable String documentId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String series) {
        return query.perDay(FigureIds.document(documentId), from, to, series);
    }

    /** Figures per document, edition, series, province or kind over a date range, biggest first. */
    @GetMapping("/groups")
    FiguresQuery.Groups groups(@RequestParam(defaultValue = "edition") String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "" + MAX_GROUPS) int limit,
            @RequestParam(required = false) String series) {
        return query.grouped(FiguresQuery.Grouping.of(by), from, to, limit(limit), series);
    }

    @GetMapping("/top")
    FiguresQuery.Groups top(@RequestParam(defaultValue = "10") int n,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String series) {
        return query.grouped(FiguresQuery.Grouping.DOCUMENT, from, to, limit(n), series);
    }

    @GetMapping("/launch-curves")
    FiguresQuery.LaunchCurves launchCurves(@RequestParam(defaultValue = "90") int days,
            @RequestParam(required = false) String series) {
        if (days < 1 || days > 3660) {
            throw new InvalidFigureRequestException("days must be between 1 and 3660.");
        }
        return query.launchCurves(days, series);
    }

    /**
     * Monthly per-document figures after COUNTER's item report (IR): Total and Unique_Item_Requests. With
     * {@code excel=true}: semicolons and a byte order mark, for a spreadsheet with Dutch settings.
     */
    @GetMapping(value = "/exports/{month}.csv", produces = "text/csv")
    ResponseEntity<String> monthCsv(@PathVariable String month, @RequestParam(required = false) String series,
            @RequestParam(defaultValue = "false") boolean excel) {
        FiguresQuery.Month figures = query.month(month(month), series);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"downloads-" + month
                        + (excel ? "-excel" : "") + ".csv\"")
                .body(export.csv(figures, excel ? MonthlyExport.Dialect.EXCEL : MonthlyExport.Dialect.COUNTER));
    }

    @GetMapping(value = "/exports/{month}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    MonthlyExport.Report monthJson(@PathVariable String month, @RequestParam(required = false) String series) {
        return export.json(query.month(month(month), series));
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFigureRequestException("The month must look like 2026-11, not '" + text + "'.");
        }
    }

    private static int limit(int asked) {
        if (asked < 1 || asked > MAX_GROUPS) {
            throw new InvalidFigureRequestException("The number of rows must be between 1 and " + MAX_GROUPS + ".");
        }
        return asked;
    }

    @ExceptionHandler(InvalidFigureRequestException.class)
    ProblemDetail invalid(InvalidFigureRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid figures request");
        problem.setType(URI.create("urn:publicaties:problem:invalid-figures-request"));
        return problem;
    }

}
