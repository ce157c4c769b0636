package dev.tenure.engine.outcomes;

/** Which side of a play's comparison a run is on: the accounts that got the play, or those held out of it. */
public enum Arm {
    ENROLLED, HOLDOUT
}
