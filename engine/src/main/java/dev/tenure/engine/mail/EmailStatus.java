package dev.tenure.engine.mail;

/**
 * SENDING: recorded and handed to SMTP, outcome not yet known (a crash here resends with the same
 * Message-ID); SENT: accepted by the SMTP server; KEPT: stored only, no SMTP server configured;
 * RETRYING: a transient failure, another attempt is scheduled; FAILED: refused for good or out of attempts;
 * WITHDRAWN: waiting for another attempt (RETRYING, or SENDING left by a node that died) when its play step was
 * cancelled, stopped or skipped, so no attempt will come: {@code error} says why. A SENDING one withdrawn may have
 * been in flight when its node died.
 */
public enum EmailStatus { SENDING, SENT, KEPT, RETRYING, FAILED, WITHDRAWN }
