package dev.tenure.engine.rules;

import java.time.Instant;
import java.util.List;

/** One attempt to change the rule set to a version: what came of it, how, by whom, when, and why not. */
public record RuleSetEvent(String version, Instant at, RuleSetChange.Outcome outcome, RuleSetOrigin origin, String who,
                           List<RuleProblem> errors) {
}
