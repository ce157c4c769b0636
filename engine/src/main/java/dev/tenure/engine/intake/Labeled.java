package dev.tenure.engine.intake;

import java.time.Instant;

/**
 * A record with the words that name it in an error: "usage.csv line 12", "usage[3]", "event evt-9". {@code at}
 * is when the source says the record changed, for a record without a time of its own (a contact); null
 * when it does not say.
 */
public record Labeled<T>(String label, T value, Instant at) {

    public Labeled(String label, T value) {
        this(label, value, null);
    }
}
