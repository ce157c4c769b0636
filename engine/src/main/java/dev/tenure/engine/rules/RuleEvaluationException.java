package dev.tenure.engine.rules;

/**
 * The rules could not be evaluated over one account or scenario: a rule failed or they were stopped at
 * the time limit. The message names the rule and says what happened in the engine's own words, never
 * with text a rule's code produced (an exception's message, a value): that could carry anything the
 * rule could read. {@code where} is the rule's file and line when the rule is known.
 */
public class RuleEvaluationException extends RuntimeException {

    private final transient RuleProblem where;
    private final boolean stopped;

    RuleEvaluationException(RuleProblem where, String message, boolean stopped) {
        // No cause and no stack trace: both would carry what the rule's code did.
        super(message, null, false, false);
        this.where = where;
        this.stopped = stopped;
    }

    /** Stopped at the time limit, rather than failed: the same rules would most likely be stopped again. */
    public boolean stopped() {
        return stopped;
    }

    /** The rule's file and line with this message, or the message alone at no file. */
    public RuleProblem problem() {
        return where == null ? new RuleProblem("", 0, 0, getMessage())
                : new RuleProblem(where.file(), where.line(), 0, getMessage());
    }
}
