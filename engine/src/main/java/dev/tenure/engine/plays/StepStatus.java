package dev.tenure.engine.plays;

/**
 * Where a step of a play run stands, as {@code play_step.status} stores it; the database accepts exactly these
 * names (play_step_status_check).
 */
public enum StepStatus {
    /** Waiting to come due (a retry waits again as SCHEDULED, its result saying why). */
    SCHEDULED,
    /** Waiting, but its run is paused: not due until the run resumes. */
    PAUSED,
    /** Carried out: its task created or its email handed over. */
    DONE,
    /** Not carried out: it no longer applied (the run stopped, the account changed, a guardrail held it back). */
    SKIPPED,
    /** Came due and could not be carried out; its result says why. */
    FAILED,
    /** Never came due: its run was cancelled or stopped first. */
    CANCELLED
}
