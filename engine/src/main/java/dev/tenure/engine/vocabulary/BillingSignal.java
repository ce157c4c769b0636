package dev.tenure.engine.vocabulary;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A billing event. {@code amount} is the invoice or payment amount; for {@code MRR_CHANGED} it is the
 * new monthly recurring revenue.
 */
public record BillingSignal(String source, String externalId, String accountId, Instant occurredAt,
                            BillingEvent event, BigDecimal amount, String currency, String invoiceId)
        implements Signal {
    public String kind() { return "billing"; }
}
