package dev.tenure.engine.tasks;

import java.time.Instant;

/** Which tasks to list: any of the fields may be null, meaning "any". */
public record TaskQuery(String owner, String accountId, TaskStatus status, Instant dueBefore, int limit) {
}
