package dev.tenure.engine.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not compile or validate; it never replaces working rules. */
public class InvalidRuleSetException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public InvalidRuleSetException(List<RuleProblem> problems) {
        super("The rule set has " + problems.size() + " problem(s):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
