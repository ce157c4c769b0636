package dev.tenure.engine.mail;

/** How an internal email went: SENT, KEPT (no SMTP server configured) or FAILED with the error. */
public record InternalDelivery(EmailStatus status, String error) {
}
