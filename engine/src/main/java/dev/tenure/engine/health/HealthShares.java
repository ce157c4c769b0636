package dev.tenure.engine.health;

import dev.tenure.engine.vocabulary.HealthComponent;

import java.util.List;

/**
 * Each component's share of a score: its weighted points (score × weight) as a part of all the points, so
 * the shares of a score add up to 1. All zero when the score is 0.
 */
public final class HealthShares {

    private HealthShares() {
    }

    public static List<Double> of(List<HealthComponent> components) {
        double total = components.stream().mapToDouble(HealthShares::points).sum();
        return components.stream().map(c -> total == 0 ? 0.0 : points(c) / total).toList();
    }

    public static double points(HealthComponent c) {
        return c.score() * c.weight();
    }
}
