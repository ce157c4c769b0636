package dev.tenure.engine.health;

/** Why {@code rules/health.yml} cannot be used: file, line (1-based; 0 when not known), and what is wrong. */
public record HealthFileProblem(String file, int line, String message) {
}
