package dev.tenure.engine.facts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Qbr;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The facts both fact builders derive the same way, from the database ({@link FactSets}) or from
 * signals in memory ({@link SignalHistory}): usage windows, trends, renewal and QBR dates.
 */
final class DerivedFacts {

    /** A QBR falls every 90 days from the account's start. */
    static final int QBR_EVERY_DAYS = 90;
    /** The trend compares the last 7 complete days with the 28 complete days before them. */
    static final int RECENT_DAYS = 7;
    static final int BASELINE_DAYS = 28;
    /** How far back the last day of use is looked for. */
    static final int LOOKBACK_DAYS = 366;
    /** The weeks a drop is judged on (the last three) and the usual weeks before them (eight, after a gap week). */
    static final int RECENT_WEEKS = 3;
    /**
     * The week between the recent and the usual weeks (22-28 days ago) is in neither: a drop is judged over the
     * last 28 days (the best 7 days in a row of them), so a drop that old must not pull the usual week down.
     */
    static final int GAP_WEEKS = 1;
    static final int USUAL_WEEKS = 8;
    /** Weekly totals a trend reads: the recent weeks, the gap and the usual weeks. */
    static final int WEEKS = RECENT_WEEKS + GAP_WEEKS + USUAL_WEEKS;
    /** Days of usage a trend reads. */
    static final int WEEKS_DAYS = 7 * WEEKS;
    /** The last days read one by one, for the best 7 days in a row among them. */
    static final int RECENT_DAYS_READ = 28;

    /**
     * One feature's weekly totals as of a day: {@code weeks[0]} the last 7 complete days, {@code weeks[1]} the 7
     * before, and so on ({@link #WEEKS} of them); {@code firstDataDay} the first
     * day with any usage signal in the lookback (null: none); {@code days[0]} the uses of yesterday, {@code days[1]}
     * the day before, and so on ({@link #RECENT_DAYS_READ} of them).
     */
    record Weeks(long[] weeks, long prior28, LocalDate firstDataDay, long[] days) {

        static Weeks empty() {
            return new Weeks(new long[WEEKS], 0, null, new long[RECENT_DAYS_READ]);
        }

        Weeks plus(Weeks other) {
            long[] sum = new long[weeks.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = weeks[i] + other.weeks[i];
            }
            long[] daySum = new long[days.length];
            for (int i = 0; i < daySum.length; i++) {
                daySum[i] = days[i] + other.days[i];
            }
            LocalDate first = firstDataDay == null ? other.firstDataDay
                    : other.firstDataDay == null || firstDataDay.isBefore(other.firstDataDay) ? firstDataDay : other.firstDataDay;
            return new Weeks(sum, prior28 + other.prior28, first, daySum);
        }
    }

    private DerivedFacts() {
    }

    static UsageTrend trend(Account account, LocalDate today, String feature, Weeks w, int activeUsers, LocalDate lastDay) {
        return trend(account, today, feature, w, activeUsers, lastDay, null);
    }

    /**
     * {@code knownSince}: the first day of the data this trend is read from, when it begins after the account
     * started (a replay of an imported past); without a use, idle days count from the later of the two, so an
     * account is not idle on the first day of the data for the months before it.
     */
    static UsageTrend trend(Account account, LocalDate today, String feature, Weeks w, int activeUsers, LocalDate lastDay,
                            LocalDate knownSince) {
        long last7 = w.weeks()[0];
        double baselineWeekly = w.prior28() / 4.0;
        double changePct = baselineWeekly > 0 ? Math.round((last7 - baselineWeekly) * 1000 / baselineWeekly) / 10.0 : 0;
        LocalDate started = account.startedOn();
        if (knownSince != null && (started == null || knownSince.isAfter(started))) {
            started = knownSince;
        }
        LocalDate since = lastDay != null ? lastDay : started != null ? started : today;
        int idleDays = (int) Math.max(0, ChronoUnit.DAYS.between(since, today));
        double[] usual = usualWeek(today, w);
        long recent = 0;
        for (int i = 0; i < RECENT_WEEKS; i++) {
            recent += w.weeks()[i];
        }
        // The spread of the difference between the recent weeks' sum and three usual weeks: the recent weeks vary
        // (a week's variance each) and so does the usual week, a median of n weeks (about pi/2 times a week's
        // variance over n). Poisson's variance is the floor: four weeks that happen to agree must not make a small
        // account look precise.
        double weekVariance = Math.max(usual[0], usual[1]);
        double spread = Math.sqrt(RECENT_WEEKS * weekVariance
                + RECENT_WEEKS * RECENT_WEEKS * weekVariance * Math.PI / 2 / usual[2]);
        double significance = usual[0] > 0 ? Math.round((RECENT_WEEKS * usual[0] - recent) * 10 / spread) / 10.0 : 0;
        return new UsageTrend(account.id(), feature, last7, baselineWeekly, changePct, activeUsers, idleDays,
                w.weeks()[1], w.weeks()[2], usual[0], significance, bestWeek(w.days()),
                w.weeks()[RECENT_WEEKS]);
    }

    /** The highest total of 7 consecutive days among {@code days} (yesterday first). */
    static long bestWeek(long[] days) {
        long window = 0;
        long best = 0;
        for (int i = 0; i < days.length; i++) {
            window += days[i] - (i >= 7 ? days[i - 7] : 0);
            if (i >= 6) {
                best = Math.max(best, window);
            }
        }
        return best;
    }

    /**
     * The median and the sample variance of the usual weeks' totals and how many weeks were counted: only weeks
     * that lie wholly after the first day of data (a week before an account's first signal, or before the
     * history a backtest reads, is not a week of no use, nor is part of one); {0, 0, 1} with fewer than two such weeks.
     */
    private static double[] usualWeek(LocalDate today, Weeks w) {
        if (w.firstDataDay() == null) {
            return new double[] {0, 0, 1};
        }
        long[] counted = new long[USUAL_WEEKS];
        int n = 0;
        for (int i = RECENT_WEEKS + GAP_WEEKS; i < WEEKS; i++) {
            // A week only partly after the first day of data would count its days before as days without use.
            LocalDate firstDayOfWeek = today.minusDays(7L * i + 7);
            if (!w.firstDataDay().isAfter(firstDayOfWeek)) {
                counted[n++] = w.weeks()[i];
            }
        }
        if (n < 2) {
            return new double[] {0, 0, 1};
        }
        long[] sorted = java.util.Arrays.copyOf(counted, n);
        java.util.Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double mean = 0;
        for (long x : sorted) {
            mean += x;
        }
        mean /= n;
        double variance = 0;
        for (long x : sorted) {
            variance += (x - mean) * (x - mean);
        }
        return new double[] {median, variance / (n - 1), n};
    }

    static Renewal renewal(Account account, LocalDate today) {
        if (account.renewalOn() == null) {
            return null;
        }
        return new Renewal(account.id(), account.renewalOn(), ChronoUnit.DAYS.between(today, account.renewalOn()));
    }

    static Qbr qbr(Account account, LocalDate today) {
        if (account.startedOn() == null || account.startedOn().isAfter(today)) {
            return null;
        }
        long elapsed = ChronoUnit.DAYS.between(account.startedOn(), today);
        long cycles = elapsed / QBR_EVERY_DAYS + 1;
        LocalDate next = account.startedOn().plusDays(cycles * QBR_EVERY_DAYS);
        return new Qbr(account.id(), next, ChronoUnit.DAYS.between(today, next));
    }
}
