package dev.tenure.api.errors;

import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.plays.PlayRunNotFoundException;
import dev.tenure.engine.tasks.TaskNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every error as an RFC 9457 problem body. A refused record or request body always names the field
 * that was wrong.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** At most this many problems are listed: a refused array of a million records gets a short answer. */
    static final int MOST_ERRORS = 100;

    @ExceptionHandler(RejectedRecordsException.class)
    ProblemDetail rejected(RejectedRecordsException e) {
        List<RecordError> errors = e.errors();
        String detail = errors.size() <= 10 ? e.getMessage()
                : errors.size() + " problems; the first: " + errors.get(0) + " (the first " + Math.min(errors.size(), MOST_ERRORS)
                + " are listed in errors)";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Records refused; nothing was stored");
        problem.setProperty("errors", errors.stream().limit(MOST_ERRORS).map(ApiErrors::error).toList());
        problem.setProperty("errorCount", errors.size());
        return problem;
    }

    /**
     * The database refused or failed: the client learns that, and a reference to the log, never the
     * database's own words (they name tables, constraints and values).
     */
    @ExceptionHandler(DataAccessException.class)
    ProblemDetail storageFailed(DataAccessException e) {
        return internal(e);
    }

    @ExceptionHandler({TaskNotFoundException.class, PlayRunNotFoundException.class, NotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** A CSM asking for another CSM's account or task. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(BadParameterException.class)
    ProblemDetail badParameter(BadParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad query parameter " + e.parameter());
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        if (fromStorage(e)) {
            return internal(e);
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private static boolean fromStorage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail internal(Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Request failed in storage (reference {})", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; nothing of it was stored. Reference for the log: " + reference);
        problem.setTitle("Internal error");
        problem.setProperty("reference", reference);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("record", "body", "field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body could not be read: " + cause.getMessage());
        return ResponseEntity.badRequest().body(problem);
    }

    private static Map<String, String> error(RecordError e) {
        return Map.of("record", e.record(), "field", e.field(), "message", e.message());
    }
}
