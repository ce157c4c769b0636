package dev.tenure.engine.health;

import dev.tenure.engine.vocabulary.HealthScore;

/** A score of {@code good} or more is GOOD, of {@code average} or more AVERAGE, anything lower POOR. */
public record HealthBands(int good, int average) {

    public String of(int score) {
        return score >= good ? HealthScore.GOOD : score >= average ? HealthScore.AVERAGE : HealthScore.POOR;
    }
}
