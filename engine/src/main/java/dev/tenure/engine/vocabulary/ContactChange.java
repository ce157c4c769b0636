package dev.tenure.engine.vocabulary;

/** What changed about a contact: a {@link ContactSignal}'s kind. */
public enum ContactChange {
    /** The contact appeared for the first time. */
    ADDED,
    /** Their role changed: {@code oldValue} and {@code newValue} are the roles. */
    ROLE_CHANGED,
    /** A source marked them inactive (they left, or lost access). */
    BECAME_INACTIVE,
    /** A source marked them active again. */
    BECAME_ACTIVE,
    /** They unsubscribed (a link in an email, or a source said so); it is never undone. */
    UNSUBSCRIBED
}
