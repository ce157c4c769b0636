package dev.tenure.engine.rules;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which rule each piece of a rule set's compiled code belongs to ({@code class} or {@code class#method}),
 * and where each rule is written: so a failure or a stop is told as the rule's, at its file and line, in
 * the engine's words only.
 */
record RuleCode(Map<String, String> ruleOfCode, Map<String, RuleProblem> whereRules) {

    RuleCode {
        ruleOfCode = Map.copyOf(ruleOfCode);
        whereRules = Map.copyOf(whereRules);
    }

    static RuleCode none() {
        return new RuleCode(Map.of(), Map.of());
    }

    /** What a stopped or failed evaluation is told as: the rule whose code was running, else the rule firing. */
    RuleEvaluationException failure(RuleWatch.Stopped stopped, String firing, Duration limit) {
        Throwable failure = stopped.failure();
        String rule = failure == null ? ruleIn(stopped.where()) : ruleIn(failure);
        if (rule == null) {
            rule = firing;
        }
        String who = rule == null ? "the rules" : "rule \"" + rule + "\"";
        String message;
        if (failure == null) {
            message = who + " did not finish within " + seconds(limit) + " and " + (rule == null ? "were" : "was")
                    + " stopped" + (rule == null ? " (while Drools matched the facts, before any rule fired)" : "");
        } else if (root(failure) instanceof RecordingPlaybook.UnknownPlay) {
            message = who + " starts a play that is not in rules/plays/";
        } else if (root(failure) instanceof RecordingPlaybook.TooManyDecisions) {
            message = who + " asked the playbook more than " + RecordingPlaybook.MAX_DECISIONS + " times in one evaluation";
        } else {
            message = who + " failed (" + root(failure).getClass().getSimpleName() + ")";
        }
        return new RuleEvaluationException(rule == null ? null : whereRules.get(rule), message, failure == null);
    }

    private String ruleIn(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String rule = ruleIn(t.getStackTrace());
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private String ruleIn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String rule = ruleOfCode.get(frame.getClassName() + "#" + frame.getMethodName());
            if (rule == null) {
                rule = ruleOfCode.get(frame.getClassName());
            }
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }

    private static String seconds(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    }
}
