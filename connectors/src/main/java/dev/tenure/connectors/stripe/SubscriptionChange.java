package dev.tenure.connectors.stripe;

import dev.tenure.engine.bounds.RecordBounds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a subscription event says of one Stripe subscription: whose it is, whether it starts with it (created, or its
 * first payment went through), whether it is still live after it, its price per month when the event carries one
 * (else null), and when Stripe made the event. A price beyond what any amount may be ({@link RecordBounds}) is as good
 * as unknown: it is neither kept nor added to an MRR, which the intake would refuse.
 */
record SubscriptionChange(String subscriptionId, String accountId, boolean starts, boolean live, BigDecimal monthly,
                          Instant at) {

    SubscriptionChange {
        if (monthly != null && RecordBounds.amountProblem(monthly) != null) {
            monthly = null;
        }
    }
}
