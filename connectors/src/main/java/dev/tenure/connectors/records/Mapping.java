package dev.tenure.connectors.records;

import dev.tenure.engine.intake.RecordError;

import java.util.List;

/**
 * What became of one source record: the vocabulary records it stands for ({@code Account}, {@code Contact}
 * or a {@code Signal}; a one-row-per-ticket export row is two signals, opened and solved) or, when it could
 * not be read, every problem found in it.
 */
public record Mapping(List<Object> records, List<RecordError> errors) {

    public Mapping {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
        if (records.isEmpty() == errors.isEmpty()) {
            throw new IllegalArgumentException("a mapping has either records or errors");
        }
    }

    public static Mapping of(Object record) {
        return new Mapping(List.of(record), List.of());
    }

    public static Mapping of(List<Object> records) {
        return new Mapping(records, List.of());
    }

    public static Mapping invalid(List<RecordError> errors) {
        return new Mapping(List.of(), errors);
    }

    public boolean valid() {
        return !records.isEmpty();
    }

    /** The one record of a source record that stands for one; a caller taking tickets reads {@link #records()}. */
    public Object record() {
        if (records.size() != 1) {
            throw new IllegalStateException("this source record stands for " + records.size() + " records");
        }
        return records.get(0);
    }
}
