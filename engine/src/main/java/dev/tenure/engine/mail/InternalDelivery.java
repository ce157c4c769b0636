package dev.tenure.engine.mail;

import java.time.Instant;

/**
 * How one attempt at an internal email went: SENT, KEPT (no SMTP server configured), RETRYING with the
 * error and when to try again, or FAILED with the error (refused for good, or the last attempt).
 */
public record InternalDelivery(EmailStatus status, String error, Instant retryAt) {
}
