package dev.tenure.engine.vocabulary;

/**
 * The account's CSAT answers of the last 90 days: how many, and how many were satisfied (4 or 5 of 5).
 * Only present when the account answered at least once in that time, so a rule need not guard against
 * dividing by zero.
 */
public record CsatAnswers(String accountId, int answers90d, int satisfied90d) {

    /** The days a CSAT answer counts for, in the facts and in the health model's sentiment. */
    public static final int WINDOW_DAYS = 90;

    /** The satisfied share, 0–100. */
    public double satisfiedPct() {
        return 100.0 * satisfied90d / answers90d;
    }
}
