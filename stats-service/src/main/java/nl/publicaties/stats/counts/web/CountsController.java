package nl.publicaties.stats.counts.web;

import java.net.URI;
import nl.publicaties.contracts.counts.DocumentCounts;
import nl.publicaties.stats.counts.query.CountsQuery;
import nl.publicaties.stats.counts.query.DocumentCountDetail;
import nl.publicaties.stats.counts.query.LiveCounts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Download figures. A document this service never heard of has zeros: it cannot tell an unknown id from one
 * not downloaded yet, and the catalog is the authority on which documents exist.
 */
@RestController
@RequestMapping("/api/counts")
class CountsController {

    private final LiveCounts live;
    private final CountsQuery query;

    CountsController(LiveCounts live, CountsQuery query) {
        this.live = live;
        this.query = query;
    }

    /** One entry per asked id, in the order asked (the gateway's one call per page). */
    @GetMapping
    DocumentCounts counts(@RequestParam(name = "ids", required = false) String ids) {
        return live.counts(DocumentIds.parse(ids));
    }

    @GetMapping("/{documentId}")
    DocumentCountDetail detail(@PathVariable String documentId, @RequestParam(name = "series", required = false) String series) {
        return query.findDetail(DocumentIds.parseOne(documentId), series);
    }


    @ExceptionHandler(InvalidDocumentIdsException.class)
    ProblemDetail invalidIds(InvalidDocumentIdsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid document ids");
        problem.setType(URI.create("urn:publicaties:problem:invalid-document-ids"));
        if (!e.invalidIds().isEmpty()) {
            problem.setProperty("invalidIds", e.invalidIds());
        }
        return problem;
    }
}
