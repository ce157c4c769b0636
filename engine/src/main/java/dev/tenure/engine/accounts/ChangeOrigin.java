package dev.tenure.engine.accounts;

/** What kind of thing changed a contact or a stage: kept with each history row (a CHECK constraint in V24). */
public enum ChangeOrigin {
    /** A source: a file, a JDBC poll, a webhook or an API upsert, Segment. */
    SOURCE,
    /** A rule, through {@code playbook.moveStage}. */
    RULE,
    /** The account's lifecycle: a cancellation or a reactivation. */
    LIFECYCLE,
    /** A contact followed the unsubscribe link in an email. */
    UNSUBSCRIBE_LINK
}
