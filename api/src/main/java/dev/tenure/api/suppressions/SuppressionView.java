package dev.tenure.api.suppressions;

import dev.tenure.engine.guardrails.Suppression;
import dev.tenure.engine.guardrails.SuppressionSource;

import java.time.Instant;

/** An address that gets no tech-touch email: why, from where, since when. */
record SuppressionView(String address, String reason, SuppressionSource source, Instant createdAt) {

    static SuppressionView of(Suppression s) {
        return new SuppressionView(s.address(), s.reason(), s.source(), s.createdAt());
    }
}
