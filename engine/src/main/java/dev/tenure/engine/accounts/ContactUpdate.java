package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Contact;

import java.time.Instant;

/**
 * A contact as a source sends it, with what sent it and, when the record says so, when it changed
 * ({@code changedAt}; null: now).
 */
public record ContactUpdate(Contact contact, Instant changedAt, ChangeCause cause) {
}
