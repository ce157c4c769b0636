package dev.tenure.engine.rules;

import java.util.List;

/**
 * What came of an attempt to change the rule set: the candidate's version, whether it is now active,
 * the version that was active before, and the problems that kept it out (empty unless rejected).
 */
public record RuleSetChange(String version, Outcome outcome, String previousVersion, List<RuleProblem> problems) {

    public enum Outcome {
        /** The candidate passed every check and is now the rule set in force. */
        ACTIVATED,
        /** The candidate is the version already in force; nothing changed. */
        UNCHANGED,
        /** The candidate failed a check; the running rules are untouched. */
        REJECTED
    }

    public RuleSetChange {
        problems = List.copyOf(problems);
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
