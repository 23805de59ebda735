package nl.publicaties.stats.analyst.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.publicaties.stats.analyst.query.AnalystQuery;
import nl.publicaties.stats.figures.query.InvalidFigureRequestException;
import nl.publicaties.stats.series.command.Rebuilds;
import nl.publicaties.stats.series.command.UnknownPolicyException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Analysts only ({@code AnalystAccess}): the exclusion ledger, raw events and rebuilds. */
@RestController
@RequestMapping("/api/analyst")
class AnalystController {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int MAX_EVENTS = 5000;

    private final AnalystQuery query;
    private final Rebuilds rebuilds;

    AnalystController(AnalystQuery query, Rebuilds rebuilds) {
        this.query = query;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/ledger")
    AnalystQuery.Ledger ledger(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String series) {
        return query.ledger(from, to, document(documentId), series);
    }

    @GetMapping("/events")
    AnalystQuery.RawEvents events(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "200") int limit,
            @RequestParam(required = false) String series) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new InvalidFigureRequestException("limit must be between 1 and " + MAX_EVENTS + ".");
        }
        return query.events(from, to, document(documentId), outcome, limit, series);
    }

    /** Starts a restatement under the policy; the figures switch when it has caught up. */
    @PostMapping("/rebuilds")
    ResponseEntity<Rebuilds.Status> rebuild(@RequestParam String policyVersion) {
        Rebuilds.Status status = rebuilds.start(policyVersion);
        return ResponseEntity.accepted().location(URI.create("/api/analyst/rebuilds/" + status.seriesId())).body(status);
    }

    @GetMapping("/rebuilds")
    List<Rebuilds.Status> rebuilds() {
        return rebuilds.statuses();
    }

    @GetMapping("/rebuilds/{seriesId}")
    ResponseEntity<Rebuilds.Status> rebuildStatus(@PathVariable String seriesId) {
        return ResponseEntity.of(rebuilds.status(seriesId));
    }

    private static UUID document(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!UUID_TEXT.matcher(text.strip()).matches()) {
            throw new InvalidFigureRequestException("The document id must be a UUID.");
        }
        return UUID.fromString(text.strip());
    }

    @ExceptionHandler(InvalidFigureRequestException.class)
    ProblemDetail invalid(InvalidFigureRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "invalid-figures-request", e.getMessage());
    }

    @ExceptionHandler(UnknownPolicyException.class)
    ProblemDetail unknownPolicy(UnknownPolicyException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unknown counting policy", "unknown-policy", e.getMessage());
        problem.setProperty("knownPolicyVersions", e.known());
        return problem;
    }


    private static ProblemDetail problem(HttpStatus status, String title, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:publicaties:problem:" + type));
        return problem;
    }
}
