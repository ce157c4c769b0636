package dev.tenure.engine.rules;

import java.time.Instant;
import java.util.List;

/**
 * A stored rule set version: where it stands, how and by whom it was last submitted or made active,
 * when it was first stored and last made active (null if never), its rules and, if rejected, why.
 */
public record RuleSetVersion(String version, RuleSetStatus status, RuleSetOrigin origin, String who, Instant storedAt,
                             Instant activatedAt, List<String> rules, List<RuleProblem> errors) {
}
