package dev.tenure.engine.vocabulary;

/** One named part of a health score: its own 0–100 score and its weight in the whole. */
public record HealthComponent(String name, int score, double weight, String reason) {
}
