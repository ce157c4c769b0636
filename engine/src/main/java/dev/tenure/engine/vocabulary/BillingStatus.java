package dev.tenure.engine.vocabulary;

import java.math.BigDecimal;

/**
 * Billing health over the last 30 days. {@code lastPaymentFailed}: the latest payment failed and it still
 * counts, that is no later invoice was paid and it failed less than {@code paymentFailedFor} days ago
 * ({@code rules/facts.yml}, 30 by default), so an old failure does not start a play months later.
 * {@code daysSinceLastPaymentFailed}: whole days since that failed payment while no later invoice is paid, also
 * once it no longer counts, so a rule can add its own grace; -1 when the latest payment did not fail.
 * {@code lastMrrChange} is the difference made by the latest MRR change (negative: contraction).
 */
public record BillingStatus(String accountId, int failedPayments30d, int overdueInvoices30d,
                            boolean lastPaymentFailed, BigDecimal mrr, BigDecimal lastMrrChange,
                            int daysSinceLastPaymentFailed) {

    /** Without the age of a failed payment: -1 when it did not fail, else 0 (it just failed). */
    public BillingStatus(String accountId, int failedPayments30d, int overdueInvoices30d, boolean lastPaymentFailed,
                         BigDecimal mrr, BigDecimal lastMrrChange) {
        this(accountId, failedPayments30d, overdueInvoices30d, lastPaymentFailed, mrr, lastMrrChange, lastPaymentFailed ? 0 : -1);
    }
}
