package dev.tenure.engine.rules;

import java.util.List;

/**
 * What the rules made of one account's facts, before anything is carried out: the rules that fired, in
 * order, and what they asked the playbook for.
 */
public record RuleOutcome(List<String> firedRules, List<Decision> decisions) {

    public RuleOutcome {
        firedRules = List.copyOf(firedRules);
        decisions = List.copyOf(decisions);
    }

    /** The plays the rules asked to start, in order (the playbook may still refuse some: running, cooldown). */
    public List<String> playsAsked() {
        return decisions.stream().filter(Decision.StartPlay.class::isInstance)
                .map(d -> ((Decision.StartPlay) d).play()).toList();
    }
}
