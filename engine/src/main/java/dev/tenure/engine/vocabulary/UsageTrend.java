package dev.tenure.engine.vocabulary;

/**
 * Usage of one feature (or {@code "all"}) over the last 7 days against the daily average of the 28 days
 * before them. {@code changePct} is 0 when there is no baseline to compare with.
 */
public record UsageTrend(String accountId, String feature, long last7Days, double baselineWeekly,
                         double changePct, int activeUsers, int daysSinceLastUse) {

    public static final String ALL_FEATURES = "all";

    public boolean hasBaseline() {
        return baselineWeekly > 0;
    }
}
