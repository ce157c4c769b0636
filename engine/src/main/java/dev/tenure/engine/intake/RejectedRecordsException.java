package dev.tenure.engine.intake;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** A batch refused as a whole, because of these records; nothing of it was stored. */
public class RejectedRecordsException extends RuntimeException {

    private final transient List<RecordError> errors;

    /**
     * Each error once: several records under one label (a help desk's ticket row is its opened, solved and reopened
     * signals) are refused for the same field alike, and a sender needs to read that once.
     */
    public RejectedRecordsException(List<RecordError> errors) {
        super(distinct(errors).stream().map(RecordError::toString).collect(Collectors.joining("; ")));
        this.errors = distinct(errors);
    }

    private static List<RecordError> distinct(List<RecordError> errors) {
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    public List<RecordError> errors() {
        return errors;
    }
}
