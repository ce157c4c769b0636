package dev.tenure.engine.digests;

import java.time.Instant;

/**
 * A digest as recorded: to whom, for which week, how many open and overdue tasks the CSM had (all of them,
 * not only those listed), how it went, after how many attempts, and when the next attempt is due if one is.
 */
public record Digest(long id, String csm, String week, String messageId, int tasks, int overdue, String status,
                     String subject, String body, String error, Instant createdAt, Instant sentAt, int attempts,
                     Instant retryAt) {
}
