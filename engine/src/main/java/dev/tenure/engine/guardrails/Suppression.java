package dev.tenure.engine.guardrails;

import java.time.Instant;

/** An address Tenure sends no tech-touch email to, for good. */
public record Suppression(String address, String reason, SuppressionSource source, Instant createdAt) {
}
