package dev.tenure.connectors.stripe;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a subscription event says of one Stripe subscription: whose it is, whether it starts with it (created, or its
 * first payment went through), whether it is still live after it, its price per month when the event carries one
 * (else null), and when Stripe made the event.
 */
record SubscriptionChange(String subscriptionId, String accountId, boolean starts, boolean live, BigDecimal monthly,
                          Instant at) {
}
