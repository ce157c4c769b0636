package dev.tenure.engine.activity;

import java.time.Instant;

/**
 * One line of an account's timeline: {@code type} as on the stored timeline ({@code task.completed}) or
 * {@code signal.<kind>} for a signal; {@code ref} points at the record ({@code task:12}, {@code signal:40},
 * {@code usage:core:2026-12-01} for a day's usage of a feature).
 */
public record ActivityEntry(Instant at, ActivityKind kind, String type, String summary, String ref) {

    public boolean signal() {
        return kind != null && kind.signal();
    }
}
