package dev.tenure.engine.vocabulary;

/**
 * Usage of one feature (or {@code "all"}) over the last 7 complete days (yesterday back to 7 days ago)
 * against the weekly average of the 28 days before them. {@code changePct} is 0 when there is no
 * baseline to compare with; {@code daysSinceLastUse} counts from the last day with any use.
 */
public record UsageTrend(String accountId, String feature, long last7Days, double baselineWeekly,
                         double changePct, int activeUsers, int daysSinceLastUse) {

    public static final String ALL_FEATURES = "all";

    public boolean hasBaseline() {
        return baselineWeekly > 0;
    }
}
