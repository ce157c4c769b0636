package dev.tenure.engine.vocabulary;

import java.time.Instant;

/**
 * The account is CHURNED, and moved there {@code at}: by a cancellation (at its own time), a source's stage or a
 * rule. {@code daysAgo} is whole days since. Absent for an account that is not churned, and for one that was already
 * churned when first heard of: when it left is not known, and a win-back for it would reach a customer gone for years.
 */
public record Churned(String accountId, Instant at, long daysAgo) {
}
