package dev.tenure.engine.rules;

/** Where a stored rule set version stands. Exactly one version is ACTIVE at a time. */
public enum RuleSetStatus {
    /** The version in force. */
    ACTIVE,
    /** Was in force and has been replaced; it can be made active again (rollback). */
    RETIRED,
    /** Failed to compile, validate or pass its gates; it never was in force. */
    REJECTED
}
