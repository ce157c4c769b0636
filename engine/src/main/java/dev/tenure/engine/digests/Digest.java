package dev.tenure.engine.digests;

import java.time.Instant;

/** A digest as recorded: to whom, for which week, how many tasks, and how it went. */
public record Digest(long id, String csm, String week, String messageId, int tasks, int overdue, String status,
                     String subject, String body, String error, Instant createdAt, Instant sentAt) {
}
