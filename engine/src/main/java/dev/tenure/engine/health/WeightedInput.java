package dev.tenure.engine.health;

/** One component of a health model: its name, its input, and its weight as a fraction of the whole (0–1). */
public record WeightedInput(String name, String inputName, HealthInput input, double weight) {
}
