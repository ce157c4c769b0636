package dev.tenure.engine.rules;

import java.util.List;

/**
 * A check a compiled candidate rule set must pass before it may replace the running one, such as its
 * own scenario tests. Every gate that is a Spring bean is asked; any problem keeps the candidate out.
 */
public interface RuleSetGate {

    /** The problems found, each with file and line; empty when the candidate passes. */
    List<RuleProblem> check(RuleSet candidate);
}
