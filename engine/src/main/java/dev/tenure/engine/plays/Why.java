package dev.tenure.engine.plays;

import java.util.Map;

/** Why a play started: the rule, the version of the rule set it belongs to, and the facts it matched. */
public record Why(String rule, String ruleSetVersion, Map<String, Object> matchedFacts) {
}
