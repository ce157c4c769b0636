package dev.tenure.engine.backtest;

import dev.tenure.engine.calendar.Span;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well alerts foretold cancellations, within a window: an alert <em>catches</em> a cancellation when it
 * came before it and at most {@code windowDays} before it. An alert at or after the cancellation warned
 * nobody and is not scored at all; an alert on an account that cancelled long after it is an alert that
 * caught nothing.
 *
 * @param alertedAccounts              accounts with at least one scored alert
 * @param cancelledAccounts            customers that cancelled in the period (a former customer's cancellation is none)
 * @param caughtAccounts               cancelled accounts with at least one catching alert
 * @param precision                    caught / alerted accounts; null when nobody was alerted
 * @param recall                       caught / cancelled accounts; null when nobody cancelled
 * @param medianLeadTime               over caught accounts, the median time from the earliest catching alert to
 *                                     the cancellation it caught
 * @param medianLeadDays               the same in days, to one decimal
 * @param alerts                       scored alerts (plays started, not after the account's cancellation)
 * @param catchingAlerts               of them, those that caught a cancellation
 * @param alertPrecision               catching / scored alerts; null without alerts
 * @param healthyAccounts              accounts that were customers in the period (when it began, or back during it)
 *                                     and did not cancel in it
 * @param alertsOnHealthyAccounts      alerts on those accounts
 * @param alertsPerHealthyAccountMonth alerts on healthy accounts / (healthy accounts × months of the period),
 *                                     a month being 365.25 / 12 days; null without healthy accounts
 * @param earlyCancellations           cancellations in the first {@code windowDays} of the period: alerts before
 *                                     the period are not replayed, so these could not be foretold in full; they
 *                                     are counted like the others
 * @param earlyCaught                  of them, those caught
 * @param laterRecall                  recall over the cancellations after the first {@code windowDays} only,
 *                                     (caught − early caught) / (cancelled − early); null when there are none
 */
public record ChurnScore(int alertedAccounts, int cancelledAccounts, int caughtAccounts, Double precision,
                         Double recall, Duration medianLeadTime, Double medianLeadDays, int alerts, int catchingAlerts,
                         Double alertPrecision, int healthyAccounts, int alertsOnHealthyAccounts,
                         Double alertsPerHealthyAccountMonth, int earlyCancellations, int earlyCaught, Double laterRecall) {

    private static final double DAYS_PER_MONTH = 365.25 / 12;

    /**
     * Scores alerts already judged against their cancellations ({@link Alert#caught()}).
     *
     * @param alerts        the alerts of the rules scored together (any order)
     * @param cancellations per account that cancelled in the period, its first cancellation
     * @param zones         per cancelled account, its time zone: the calendar its window's days are counted on
     * @param accounts      accounts that were customers in the period, every cancelled one among them
     */
    static ChurnScore of(List<Alert> alerts, Map<String, Instant> cancellations, Map<String, ZoneId> zones, int accounts,
                         Instant from, Instant to, int windowDays) {
        Set<String> alerted = new HashSet<>();
        Map<String, Alert> earliestCatch = new HashMap<>();
        int scored = 0;
        int catching = 0;
        int onHealthy = 0;
        for (Alert alert : alerts) {
            if (alert.afterCancellation()) {
                continue;
            }
            scored++;
            alerted.add(alert.accountId());
            // By the account, not the alert: one that cancelled and came back is no healthy account, though an alert
            // after its return was judged against no cancellation.
            if (!cancellations.containsKey(alert.accountId())) {
                onHealthy++;
            }
            if (alert.caught()) {
                catching++;
                earliestCatch.merge(alert.accountId(), alert, (a, b) -> a.at().isBefore(b.at()) ? a : b);
            }
        }
        List<Duration> leads = new ArrayList<>();
        int early = 0;
        int earlyCaught = 0;
        for (Map.Entry<String, Instant> cancellation : cancellations.entrySet()) {
            Alert caughtBy = earliestCatch.get(cancellation.getKey());
            // Early when its window, counted as an alert's is, begins before the period: no alert could catch it in full.
            boolean isEarly = Span.ofDays(windowDays).before(cancellation.getValue(),
                    zones.getOrDefault(cancellation.getKey(), ZoneOffset.UTC)).isBefore(from);
            if (isEarly) {
                early++;
            }
            if (caughtBy != null) {
                // To the cancellation it caught: of an account that came back and cancelled again, maybe not the first.
                leads.add(Duration.between(caughtBy.at(), caughtBy.cancelledAt()));
                if (isEarly) {
                    earlyCaught++;
                }
            }
        }
        int caught = leads.size();
        int cancelled = cancellations.size();
        int healthy = Math.max(0, accounts - cancelled);
        double months = Duration.between(from, to).toMinutes() / (DAYS_PER_MONTH * 24 * 60);
        Duration median = median(leads);
        return new ChurnScore(alerted.size(), cancelled, caught, ratio(caught, alerted.size()), ratio(caught, cancelled),
                median, median == null ? null : days(median), scored, catching, ratio(catching, scored), healthy, onHealthy,
                healthy == 0 || months <= 0 ? null : onHealthy / (healthy * months), early, earlyCaught,
                ratio(caught - earlyCaught, cancelled - early));
    }

    /** A duration in days, to one decimal. */
    static double days(Duration duration) {
        return Math.round(duration.toMinutes() / 144.0) / 10.0;
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Duration median(List<Duration> leads) {
        if (leads.isEmpty()) {
            return null;
        }
        leads.sort(Duration::compareTo);
        int middle = leads.size() / 2;
        return leads.size() % 2 == 1 ? leads.get(middle) : leads.get(middle - 1).plus(leads.get(middle)).dividedBy(2);
    }
}
