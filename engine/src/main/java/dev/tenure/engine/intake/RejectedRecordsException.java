package dev.tenure.engine.intake;

import java.util.List;
import java.util.stream.Collectors;

/** A batch refused as a whole, because of these records; nothing of it was stored. */
public class RejectedRecordsException extends RuntimeException {

    private final transient List<RecordError> errors;

    public RejectedRecordsException(List<RecordError> errors) {
        super(errors.stream().map(RecordError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RecordError> errors() {
        return errors;
    }
}
