package dev.tenure.engine.vocabulary;

import java.time.Instant;
import java.util.List;

/** An account's health, 0–100, from weighted components; {@code previous} is -1 for the first score. */
public record HealthScore(String accountId, int score, int previous, List<HealthComponent> components,
                          Instant computedAt) {

    public String band() {
        return score >= 70 ? "GOOD" : score >= 50 ? "AVERAGE" : "POOR";
    }

    public int change() {
        return previous < 0 ? 0 : score - previous;
    }
}
