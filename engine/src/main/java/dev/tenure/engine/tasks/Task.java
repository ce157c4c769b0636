package dev.tenure.engine.tasks;

import dev.tenure.engine.plays.Why;

import java.time.Instant;

/** A task in an owner's inbox, with why it exists (null only for tasks made by hand). */
public record Task(long id, String accountId, String accountName, Long runId, String owner, String title, String details,
                   String priority, TaskStatus status, Instant dueAt, Instant snoozedUntil, TaskOutcome outcome,
                   String note, Instant createdAt, Instant completedAt, Why why) {
}
