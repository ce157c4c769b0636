package dev.tenure.connectors.records;

import dev.tenure.engine.intake.RecordError;

import java.util.List;

/**
 * What became of one source record: a vocabulary record ({@code Account}, {@code Contact} or a
 * {@code Signal}) or, when it could not be read, every problem found in it.
 */
public record Mapping(Object record, List<RecordError> errors) {

    public Mapping {
        errors = List.copyOf(errors);
        if ((record == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a mapping has either a record or errors");
        }
    }

    public static Mapping of(Object record) {
        return new Mapping(record, List.of());
    }

    public static Mapping invalid(List<RecordError> errors) {
        return new Mapping(null, errors);
    }

    public boolean valid() {
        return record != null;
    }
}
