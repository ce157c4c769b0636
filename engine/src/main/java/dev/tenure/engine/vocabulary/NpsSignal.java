package dev.tenure.engine.vocabulary;

import java.time.Instant;

/** An NPS answer: 0–10, 6 or below is a detractor, 9 or above a promoter. */
public record NpsSignal(String source, String externalId, String accountId, Instant occurredAt,
                        String contactEmail, int score, String comment) implements Signal {
    public String kind() { return "nps"; }

    public boolean detractor() { return score <= 6; }

    public boolean promoter() { return score >= 9; }
}
