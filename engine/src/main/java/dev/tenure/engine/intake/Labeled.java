package dev.tenure.engine.intake;

/** A record with the words that name it in an error: "usage.csv line 12", "usage[3]", "event evt-9". */
public record Labeled<T>(String label, T value) {
}
