package dev.tenure.engine.outcomes;

/** A run's goal at its horizon: reached in time, not reached, or not known yet (the horizon is ahead). */
public enum GoalStatus {
    REACHED, MISSED, PENDING
}
