package dev.tenure.engine.tasks;

import java.time.Instant;

/** A task a play step is about to create. */
public record NewTask(String accountId, long runId, long stepId, String owner, String title, String details,
                      String priority, Instant dueAt) {
}
