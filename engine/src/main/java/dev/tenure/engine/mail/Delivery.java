package dev.tenure.engine.mail;

import java.time.Instant;

/**
 * What one hand-over to SMTP came to: the email's id in the log, its status (SENT, KEPT, RETRYING or
 * FAILED), the error if any, which attempt this was, and for RETRYING when to try again.
 */
public record Delivery(long emailId, EmailStatus status, String error, int attempt, Instant retryAt) {
}
