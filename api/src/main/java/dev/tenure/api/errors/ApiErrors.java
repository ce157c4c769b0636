package dev.tenure.api.errors;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tenure.api.database.DatabaseProperties;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.plays.PlayRunNotFoundException;
import dev.tenure.engine.tasks.TaskNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
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
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every error as an RFC 9457 problem body. A refused record or request body always names the field
 * that was wrong. While PostgreSQL cannot be reached, every request that needs it is answered 503 with
 * {@code Retry-After} ({@link #unreachable}), within the bounded wait for a connection
 * ({@code tenure.database.connection-wait}).
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** PostgreSQL's SQLSTATEs for a server shutting down or starting up; class 08 is any connection failure. */
    private static final List<String> SERVER_GOING_OR_COMING = List.of("57P01", "57P02", "57P03");

    private final DatabaseProperties database;

    ApiErrors(DatabaseProperties database) {
        this.database = database;
    }

    /**
     * At most this many problems are listed: a refused array of a million records, or a scenario file of a hundred
     * thousand unknown fields, gets a short answer.
     */
    public static final int MOST_ERRORS = 100;

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
    ResponseEntity<ProblemDetail> storageFailed(DataAccessException e) {
        return unreachable(e) ? unavailable(e) : ResponseEntity.internalServerError().body(internal(e));
    }

    /** A transaction that could not begin (no connection) or end. */
    @ExceptionHandler(TransactionException.class)
    ResponseEntity<ProblemDetail> transactionFailed(TransactionException e) {
        return unreachable(e) ? unavailable(e) : ResponseEntity.internalServerError().body(internal(e));
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
    ResponseEntity<ProblemDetail> conflict(IllegalStateException e) {
        if (unreachable(e)) {
            return unavailable(e);
        }
        if (fromStorage(e)) {
            return ResponseEntity.internalServerError().body(internal(e));
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    /**
     * Whether the failure is PostgreSQL out of reach (down, restarting, no connection within the wait), as
     * opposed to a statement it refused: anywhere in the chain of causes, a connection that could not be had
     * or was lost.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A rollback that failed on the broken connection hides the failure that started it.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && unreachable(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_OR_COMING.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * 503 with {@code Retry-After}: the sender should send the same request again later. Whatever it held was
     * not stored, or, if the connection broke during the commit, may have been: sending it again is safe either
     * way, since a record already stored is recognised by its event id and counted once.
     */
    private ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Answered 503: the database cannot be reached: {}", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now. Send the same request again after " + database.retryAfterSeconds()
                        + " seconds; a record already stored is recognised and counted once.");
        problem.setTitle("Database unavailable");
        problem.setProperty("retryAfterSeconds", database.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(database.retryAfterSeconds()))
                .body(problem);
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
        // A value of the wrong type (a text for a number, 1.5 for a number of days) is a field error like any other.
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = joined(mapping.getPath().stream()
                    .map(at -> at.getFieldName() != null ? at.getFieldName() : "[" + at.getIndex() + "]").toList());
            problem.setProperty("errors", List.of(Map.of("record", "body", "field", field, "message", mapping.getOriginalMessage())));
        }
        // So is a number beyond what its field holds (99999999999 days): the parser refuses it, with no path of the
        // mapper's, but it still stands on the field it was reading.
        if (cause instanceof InputCoercionException number && number.getProcessor() != null) {
            String field = field(number.getProcessor().getParsingContext());
            if (field != null) {
                problem.setProperty("errors", List.of(Map.of("record", "body", "field", field, "message", number.getOriginalMessage())));
            }
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** Where a parser stands, as a field's path is written ({@code items[2].amount}); null at the top. */
    private static String field(JsonStreamContext at) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        return parts.isEmpty() ? null : joined(parts);
    }

    private static String joined(List<String> parts) {
        return parts.stream().reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElseThrow();
    }

    private static Map<String, String> error(RecordError e) {
        return Map.of("record", e.record(), "field", e.field(), "message", e.message());
    }
}
