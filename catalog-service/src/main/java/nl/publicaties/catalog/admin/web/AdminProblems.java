package nl.publicaties.catalog.admin.web;

import java.net.URI;
import nl.publicaties.catalog.RuleViolation;
import nl.publicaties.catalog.edition.command.Edition;
import nl.publicaties.catalog.edition.storage.Uploads;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the admin API as RFC 9457 problem+json. Spring's own exceptions (malformed JSON, wrong
 * Content-Type, missing part, oversized multipart) are answered by Boot's problem-details handler
 * ({@code spring.mvc.problemdetails.enabled}). Problem types are {@code urn:publicaties:problem:<name>}.
 */
@RestControllerAdvice
public class AdminProblems {

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation e) {
        HttpStatus status = e instanceof RuleViolation.StateConflict ? HttpStatus.CONFLICT
                : HttpStatus.UNPROCESSABLE_CONTENT;
        return problem(status, titleOf(e), e.getMessage(), e);
    }

    @ExceptionHandler({Edition.StaleVersion.class, EditorCommands.PreconditionFailed.class})
    ProblemDetail stale(RuntimeException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Stale version",
                e.getMessage() + ". Read the resource again and retry with its current ETag.", e);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                "Someone else changed this resource at the same moment; read it again and retry.", e);
    }

    @ExceptionHandler({AggregateNotFoundException.class, NotFound.class, Edition.UnknownDocument.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), new NotFound(""));
    }

    @ExceptionHandler(Uploads.MissingFile.class)
    ProblemDetail missingFile(Uploads.MissingFile e) {
        return problem(HttpStatus.BAD_REQUEST, "File missing", e.getMessage(), e);
    }

    @ExceptionHandler(Uploads.FileTypeNotAllowed.class)
    ProblemDetail fileType(Uploads.FileTypeNotAllowed e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "File type not allowed", e.getMessage(), e);
    }

    @ExceptionHandler(Uploads.FileTooLarge.class)
    ProblemDetail tooLarge(Uploads.FileTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "File too large", e.getMessage(), e);
    }

    /** A remote command bus would wrap the handler's exception; answer for the cause. */
    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail wrapped(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Edition.UnknownDocument unknown) {
            return notFound(unknown);
        }
        if (cause instanceof RuleViolation violation) {
            return ruleViolation(violation);
        }
        if (cause instanceof Edition.StaleVersion stale) {
            return stale(stale);
        }
        throw e;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, Exception kind) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:publicaties:problem:" + kebab(kind.getClass().getSimpleName())));
        return problem;
    }

    /** {@code AlreadyPublished} → "Already published". */
    static String titleOf(Exception e) {
        String words = kebab(e.getClass().getSimpleName()).replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** An admin URL names a series, edition or document that does not exist. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
