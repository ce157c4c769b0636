package dev.tenure.engine.facts;

import dev.tenure.engine.vocabulary.BillingStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * How long point-in-time facts keep counting, from {@code rules/facts.yml}: part of the rule set, so live
 * evaluation, scenarios, dry runs and backtests of one rule set roll facts up with the same values.
 *
 * @param paymentFailedDays {@code BillingStatus.lastPaymentFailed} stops counting this many whole days after the
 *                          failure (and as soon as a later invoice is paid)
 */
public record FactSettings(int paymentFailedDays) {

    /** The file in the rules folder; without it the defaults hold. */
    public static final String FILE = "facts.yml";
    public static final int MAX_DAYS = 3660;
    public static final FactSettings DEFAULTS = new FactSettings(30);

    public FactSettings {
        if (paymentFailedDays < 1 || paymentFailedDays > MAX_DAYS) {
            throw new IllegalArgumentException("paymentFailedDays must be from 1 to " + MAX_DAYS + ", not " + paymentFailedDays);
        }
    }

    /**
     * The billing status, aged by these settings; {@code unpaidFailureAt} is the latest failed payment when the
     * latest payment (failed or paid) is a failure, else null. One place for both roll-ups (database and memory).
     */
    public BillingStatus billingStatus(String accountId, int failed30d, int overdue30d, Instant unpaidFailureAt,
                                       BigDecimal mrr, BigDecimal lastMrrChange, Instant now) {
        int days = unpaidFailureAt == null ? -1 : (int) Math.max(0, Duration.between(unpaidFailureAt, now).toDays());
        return new BillingStatus(accountId, failed30d, overdue30d, days >= 0 && days < paymentFailedDays, mrr, lastMrrChange,
                days);
    }
}
