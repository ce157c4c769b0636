package dev.tenure.engine.intake;

/** Why one record was refused: which record, which field, what is wrong. */
public record RecordError(String record, String field, String message) {

    @Override
    public String toString() {
        return record + ": " + field + ": " + message;
    }
}
