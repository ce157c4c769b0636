package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One account's monthly recurring revenue over time, in the reporting currency: each change sets a new
 * MRR from its moment on ({@code MRR_CHANGED} gives the new amount, {@code SUBSCRIPTION_CANCELLED} sets 0).
 *
 * @param changes oldest first; of two at the same moment the later one in the list wins
 */
public record MrrHistory(MetricsAccount account, List<Change> changes) {

    public record Change(Instant at, BigDecimal mrr) {
    }

    public MrrHistory {
        changes = changes.stream().sorted(Comparator.comparing(Change::at)).toList();
    }

    /** The MRR in force at this instant: set by the latest change strictly before it; 0 before any. */
    public BigDecimal at(Instant instant) {
        BigDecimal mrr = BigDecimal.ZERO;
        for (Change c : changes) {
            if (!c.at().isBefore(instant)) {
                break;
            }
            mrr = c.mrr();
        }
        return mrr;
    }

    /** Whether the account ever paid before this instant: coming back from 0 is then a reactivation. */
    public boolean paidBefore(Instant instant) {
        return changes.stream().anyMatch(c -> c.at().isBefore(instant) && c.mrr().signum() > 0);
    }

    /** The account's movement over the period: its MRR at the period's start against its MRR at its end. */
    public MrrMovement over(ReportPeriod period) {
        return MrrMovement.of(at(period.start()), at(period.end()), paidBefore(period.start()));
    }
}
