package dev.tenure.engine.plays;

/**
 * Where a play run stands, as {@code play_run.status} stores it; the database accepts exactly these names
 * (play_run_status_check), so a value no code writes cannot be stored by hand.
 */
public enum RunStatus {
    /** Started, with steps still to come due. */
    RUNNING,
    /** Paused by hand: its waiting steps are paused with it until it resumes or is cancelled. */
    PAUSED,
    /** Ended on its own: no step is left waiting. */
    COMPLETED,
    /** Stopped before its end: by hand, or because the account churned or came back; its waiting steps were cancelled. */
    CANCELLED,
    /** The account was held out of the play to measure it: a run with no steps, ended as it started. */
    HOLDOUT;

    /** Whether the run has not ended (running or paused): it holds back another run of its play and can be cancelled. */
    public boolean live() {
        return this == RUNNING || this == PAUSED;
    }
}
