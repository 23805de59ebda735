package nl.publicaties.stats.counts.web;

import java.net.URI;
import nl.publicaties.stats.counts.query.UnknownSeriesException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@code ?series=} naming no series answers 404 problem+json, in every API that takes it (counts, figures, analyst). */
@RestControllerAdvice
class UnknownSeriesProblem {

    @ExceptionHandler(UnknownSeriesException.class)
    ProblemDetail unknownSeries(UnknownSeriesException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown series");
        problem.setType(URI.create("urn:publicaties:problem:unknown-series"));
        return problem;
    }
}
