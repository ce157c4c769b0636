package dev.tenure.engine.mail;

/**
 * SENDING: recorded and handed to SMTP, outcome not yet known (a crash here resends with the same
 * Message-ID); SENT: accepted by the SMTP server; KEPT: stored only, no SMTP server configured;
 * RETRYING: a transient failure, another attempt is scheduled; FAILED: refused for good or out of attempts.
 */
public enum EmailStatus { SENDING, SENT, KEPT, RETRYING, FAILED }
