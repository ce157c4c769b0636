package dev.tenure.engine.plays;

import java.time.Instant;

/** A step of a play run as stored: due at a time, then done, skipped or failed with a result. */
public record PlayStep(long id, long runId, String accountId, int position, StepType type, StepDefinition definition,
                       Instant dueAt, StepStatus status, Instant executedAt, String result) {
}
