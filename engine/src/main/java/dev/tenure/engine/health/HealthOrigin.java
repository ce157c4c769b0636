package dev.tenure.engine.health;

/** Where a stored health score came from (column {@code health_score.origin}). */
public enum HealthOrigin {
    /** An evaluation of the account as it happened. */
    LIVE,
    /** Computed afterwards from stored history, for a day no evaluation scored. */
    BACKFILL
}
