package dev.tenure.engine.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How well alerts foretold cancellations. An account counts as alerted only if the alert came before it
 * cancelled: an alert after the cancellation warned nobody.
 *
 * @param alertedAccounts    accounts alerted (before cancelling, if they cancelled)
 * @param cancelledAccounts  accounts that cancelled in the period
 * @param caughtAccounts     cancelled accounts alerted before they cancelled
 * @param precision          caught / alerted; null when nobody was alerted
 * @param recall             caught / cancelled; null when nobody cancelled
 * @param medianLeadTime     the median time from the first alert to the cancellation, over caught accounts
 * @param medianLeadDays     the same in days, to one decimal
 */
public record ChurnScore(int alertedAccounts, int cancelledAccounts, int caughtAccounts, Double precision,
                         Double recall, Duration medianLeadTime, Double medianLeadDays) {

    /** {@code firstAlerts}: per account, its first alert; {@code cancellations}: per account, when it cancelled. */
    static ChurnScore of(Map<String, Instant> firstAlerts, Map<String, Instant> cancellations) {
        int alerted = 0;
        List<Duration> leads = new ArrayList<>();
        for (Map.Entry<String, Instant> alert : firstAlerts.entrySet()) {
            Instant cancelled = cancellations.get(alert.getKey());
            if (cancelled == null) {
                alerted++;
            } else if (alert.getValue().isBefore(cancelled)) {
                alerted++;
                leads.add(Duration.between(alert.getValue(), cancelled));
            }
        }
        int caught = leads.size();
        Duration median = median(leads);
        return new ChurnScore(alerted, cancellations.size(), caught,
                alerted == 0 ? null : (double) caught / alerted,
                cancellations.isEmpty() ? null : (double) caught / cancellations.size(),
                median, median == null ? null : Math.round(median.toMinutes() / 144.0) / 10.0);
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
