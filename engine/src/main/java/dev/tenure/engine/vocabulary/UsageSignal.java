package dev.tenure.engine.vocabulary;

import java.time.Instant;

/**
 * Product usage: {@code quantity} uses of {@code feature}; {@code activeUsers} when the source counts
 * them (a daily export does), otherwise 0.
 */
public record UsageSignal(String source, String externalId, String accountId, Instant occurredAt,
                          String feature, long quantity, int activeUsers) implements Signal {
    public String kind() { return "usage"; }
}
