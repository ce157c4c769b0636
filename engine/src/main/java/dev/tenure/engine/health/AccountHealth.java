package dev.tenure.engine.health;

import dev.tenure.engine.vocabulary.HealthScore;

import java.util.List;

/**
 * An account's health now, each component with its share of the score, the change over 30 and 90 days
 * (null when there was no score that long ago), and its history: the last score of each day, newest first.
 */
public record AccountHealth(String accountId, HealthScore now, List<ComponentShare> components, Integer change30d,
                            Integer change90d, List<HealthScore> history) {

    /**
     * One component of the latest score: its own score, its weight (0–1), its weighted points (score ×
     * weight) and their share of all the points (0–1), and why it scored that.
     */
    public record ComponentShare(String name, int score, double weight, double points, double share, String reason) {
    }
}
