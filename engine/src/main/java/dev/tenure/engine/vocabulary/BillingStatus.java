package dev.tenure.engine.vocabulary;

import java.math.BigDecimal;

/**
 * Billing health over the last 30 days. {@code lastPaymentFailed} stays true until a later invoice is
 * paid; {@code lastMrrChange} is the difference made by the latest MRR change (negative: contraction).
 */
public record BillingStatus(String accountId, int failedPayments30d, int overdueInvoices30d,
                            boolean lastPaymentFailed, BigDecimal mrr, BigDecimal lastMrrChange) {
}
