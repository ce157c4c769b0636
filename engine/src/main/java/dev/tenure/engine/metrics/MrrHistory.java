package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One account's monthly recurring revenue over time, in the reporting currency: each change sets a new
 * MRR from its moment on ({@code MRR_CHANGED} gives the new amount, {@code SUBSCRIPTION_CANCELLED} sets 0,
 * {@code SUBSCRIPTION_REACTIVATED} puts back what it paid: {@link #of}).
 *
 * @param changes oldest first; of two at the same moment the later one in the list wins
 */
public record MrrHistory(MetricsAccount account, List<Change> changes) {

    public record Change(Instant at, BigDecimal mrr) {
    }

    public MrrHistory {
        changes = changes.stream().sorted(Comparator.comparing(Change::at)).toList();
    }

    /**
     * The history of an account as its billing signals tell it. When its billing starts with a positive
     * {@code MRR_CHANGED}, that is new MRR, as always. When it starts otherwise (a cancellation, a change to 0,
     * or nothing at all), the account was paying before Tenure heard of its MRR: its ARR / 12 counts from its
     * start (or from the first change, if that came earlier), so a cancellation without an MRR event still
     * churns what it paid, and a change to 0 next to the cancellation churns it once.
     * <p>
     * A reactivation says the account pays again but not how much: when nothing else set its MRR at that moment
     * (it is at 0), it pays again the last MRR it paid, else its ARR / 12, the same amount a cancellation without
     * an MRR event churns. So a second cancellation churns again, and an MRR change sent with the reactivation
     * (at the same moment, or later) says the new amount. A reactivation of an account that pays changes nothing.
     *
     * @param changes       as read, in any order
     * @param reactivations when the account's subscription was reactivated, in any order
     * @param arr           the account's ARR, or null
     * @param since         when the account started, or null when unknown (it then paid since before any period)
     */
    public static MrrHistory of(MetricsAccount account, List<Change> changes, List<Instant> reactivations, BigDecimal arr,
                                Instant since) {
        return of(account, changes, reactivations, arr, since, false);
    }

    /**
     * The same, for an account that may be a former customer: one Tenure first heard of as CHURNED. Its ARR is what it
     * paid before it left, at a time nobody told, so without a billing change to say when it paid, it paid nothing then;
     * a reactivation brings back its ARR / 12, as a return (it paid before), not as new business.
     *
     * @param formerCustomer whether the account's first known stage is CHURNED
     */
    public static MrrHistory of(MetricsAccount account, List<Change> changes, List<Instant> reactivations, BigDecimal arr,
                                Instant since, boolean formerCustomer) {
        List<Change> sorted = changes.stream().sorted(Comparator.comparing(Change::at)).toList();
        BigDecimal arrMonthly = arr == null || arr.signum() <= 0 ? null
                : arr.divide(BigDecimal.valueOf(12), 6, java.math.RoundingMode.HALF_UP);
        boolean startsPaying = !sorted.isEmpty() && sorted.get(0).mrr().signum() > 0;
        List<Change> history = new ArrayList<>();
        if (formerCustomer && sorted.isEmpty() && arrMonthly != null) {
            // Paid before anything Tenure knows, and had left by then: two changes at one moment, the later wins.
            history.add(new Change(Instant.EPOCH, arrMonthly));
            history.add(new Change(Instant.EPOCH, BigDecimal.ZERO));
        } else if (!startsPaying && arrMonthly != null) {
            Instant from = since == null ? Instant.EPOCH : since;
            if (!sorted.isEmpty() && sorted.get(0).at().isBefore(from)) {
                from = sorted.get(0).at();
            }
            history.add(new Change(from, arrMonthly));
        }
        history.addAll(sorted);
        reactivations.stream().sorted().forEach(at -> reactivate(history, at, arrMonthly));
        return new MrrHistory(account, history);
    }

    /** Puts the MRR back at this moment if the account is at 0 then, after every change up to and at it. */
    private static void reactivate(List<Change> history, Instant at, BigDecimal arrMonthly) {
        int after = 0;
        BigDecimal mrr = BigDecimal.ZERO;
        BigDecimal lastPaid = arrMonthly;
        for (Change c : history) {
            if (c.at().isAfter(at)) {
                break;
            }
            after++;
            mrr = c.mrr();
            if (c.mrr().signum() > 0) {
                lastPaid = c.mrr();
            }
        }
        if (mrr.signum() == 0 && lastPaid != null) {
            history.add(after, new Change(at, lastPaid));
        }
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
