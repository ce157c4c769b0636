package dev.tenure.api.slack;

import java.time.Instant;

/** One post of a task to a webhook, as the notifications page lists it. */
public record SlackPost(long id, long taskId, String taskTitle, String accountId, String accountName, String owner,
                 String channel, PostStatus status, int attempts, Instant nextAttemptAt, String lastError,
                 Instant createdAt, Instant sentAt) {
}
