package dev.tenure.engine.vocabulary;

import java.time.Instant;
import java.util.List;

/**
 * An account's health, 0–100, from weighted components; {@code previous} is -1 for the first score.
 * {@code band} ({@code "GOOD"}, {@code "AVERAGE"}, {@code "POOR"}) is decided by the bands of the health
 * model that scored it ({@code rules/health.yml}); {@code modelVersion} is the version of the rule set
 * that model came with (null when not known).
 */
public record HealthScore(String accountId, int score, String band, int previous, List<HealthComponent> components,
                          Instant computedAt, String modelVersion) {

    public static final String GOOD = "GOOD";
    public static final String AVERAGE = "AVERAGE";
    public static final String POOR = "POOR";

    /** A score banded with the bands the shipped model uses (70 and 50); for tests and hand-made facts. */
    public HealthScore(String accountId, int score, int previous, List<HealthComponent> components, Instant computedAt) {
        this(accountId, score, score >= 70 ? GOOD : score >= 50 ? AVERAGE : POOR, previous, components, computedAt, null);
    }

    public int change() {
        return previous < 0 ? 0 : score - previous;
    }
}
