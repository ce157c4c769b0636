package dev.tenure.engine.mail;

/** SENT: accepted by the SMTP server; KEPT: stored only, no SMTP server configured; FAILED: refused. */
public enum EmailStatus { SENT, KEPT, FAILED }
