package dev.tenure.engine.vocabulary;

/**
 * Usage of one feature (or {@code "all"}) over the last 7 complete days (yesterday back to 7 days ago)
 * against the weekly average of the 28 days before them. {@code changePct} is 0 when there is no
 * baseline to compare with; {@code daysSinceLastUse} counts from the last day with any use.
 * <p>
 * A drop worth a CSM's time is judged against the account's own normal: {@code previous7Days} and
 * {@code earlier7Days} are the two weeks before the last 7 days (8–14 and 15–21 days ago) and
 * {@code days22To28} the week before those, so a rule can ask that usage fell week after week;
 * {@code bestWeekOf28Days} is the highest total of any 7 consecutive days of the last 28, so a rule can ask that usage stayed down for four weeks ({@link #sustainedChangePct()}: a holiday of
 * up to two weeks never does, wherever it falls); {@code usualWeekly} is the median of the weekly totals of the
 * eight weeks before a gap week (29–84 days ago: a drop judged over 28 days does not pull it down), which one odd
 * week does not move; {@code dropSignificance} says how far the last 21 days fell below three
 * usual weeks, in standard deviations of the account's own week-to-week variation (at least Poisson's, the
 * square root of the usual count): at 20 uses a week a fall to 0 is about 4.5, at 2,000 a week a 10% dip
 * is about 7. Weeks before the account's first day of data are left out of the usual week.
 */
public record UsageTrend(String accountId, String feature, long last7Days, double baselineWeekly,
                         double changePct, int activeUsers, int daysSinceLastUse,
                         long previous7Days, long earlier7Days, double usualWeekly, double dropSignificance,
                         long bestWeekOf28Days, long days22To28) {

    public static final String ALL_FEATURES = "all";

    /** A trend without the weekly history (no usual week to compare with). */
    public UsageTrend(String accountId, String feature, long last7Days, double baselineWeekly, double changePct,
                      int activeUsers, int daysSinceLastUse) {
        this(accountId, feature, last7Days, baselineWeekly, changePct, activeUsers, daysSinceLastUse, 0, 0, 0, 0, 0, 0);
    }

    public boolean hasBaseline() {
        return baselineWeekly > 0;
    }

    /** True when there is a usual week to compare with (at least two of the eight weeks 29–84 days ago after the account's first data). */
    public boolean hasUsualWeek() {
        return usualWeekly > 0;
    }

    /**
     * The best 7 days in a row of the last 28 against the usual week, in %: -40 means no 7 consecutive days of
     * the last four weeks came within 40% of the usual week; 0 without a usual week. A holiday of up to two
     * weeks, wherever it falls in the four, leaves 7 days in a row outside it, so it never makes this low;
     * three fixed weeks would not do (a 13-day holiday from a Thursday touches all three).
     */
    public double sustainedChangePct() {
        if (usualWeekly <= 0) {
            return 0;
        }
        long highest = Math.max(bestWeekOf28Days, Math.max(last7Days, Math.max(previous7Days, earlier7Days)));
        return Math.round((highest - usualWeekly) * 1000 / usualWeekly) / 10.0;
    }
}
