package dev.tenure.connectors.stripe;

import java.math.BigDecimal;

/** A live subscription Tenure has seen for an account, with its price per month if an event gave one (else null). */
record KnownSubscription(String subscriptionId, BigDecimal monthly) {
}
