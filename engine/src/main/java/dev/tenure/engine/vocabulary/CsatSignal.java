package dev.tenure.engine.vocabulary;

import java.time.Instant;

/** A customer satisfaction answer: 1–5, of which 4 and 5 count as satisfied; often about one ticket. */
public record CsatSignal(String source, String externalId, String accountId, Instant occurredAt,
                         String contactEmail, int score, String ticketId) implements Signal {
    public String kind() { return "csat"; }

    public boolean satisfied() { return score >= 4; }
}
