package dev.tenure.engine.mail;

import dev.tenure.engine.plays.Why;

import java.time.Instant;

/**
 * An email Tenure wrote, with its stable Message-ID, what became of it, after how many attempts, why it
 * was written, and for a tech-touch email the unsubscribe link it carried.
 */
public record Email(long id, String accountId, Long runId, String messageId, String recipient, String subject,
                    String body, EmailStatus status, String error, Instant createdAt, Instant sentAt, Why why,
                    int attempts, String unsubscribeUrl) {
}
