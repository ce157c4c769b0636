package dev.tenure.engine.metrics;

import java.time.Instant;

/** Something counted in a report (an answer, a task, an account's start), at its account and moment. */
record Dated<T>(MetricsAccount account, Instant at, T value) {
}
