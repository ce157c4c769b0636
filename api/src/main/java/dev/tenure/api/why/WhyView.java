package dev.tenure.api.why;

import dev.tenure.engine.plays.Why;

import java.util.Map;

/** Why a play started, as the API answers it: the rule, its rule set version, and the facts it matched (fact name to fields). */
public record WhyView(String rule, String ruleSetVersion, Map<String, Object> matchedFacts) {

    public static WhyView of(Why why) {
        return why == null ? null : new WhyView(why.rule(), why.ruleSetVersion(), why.matchedFacts());
    }
}
