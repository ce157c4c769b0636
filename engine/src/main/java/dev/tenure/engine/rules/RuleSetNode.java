package dev.tenure.engine.rules;

import java.time.Instant;

/**
 * A node sharing the database, as it last reported: the rule set version it runs and since when, when it
 * started and was last seen, and why it does not run the version in force if it could not (null otherwise).
 */
public record RuleSetNode(String nodeId, String version, Instant since, Instant startedAt, Instant lastSeen,
                          String problem) {
}
