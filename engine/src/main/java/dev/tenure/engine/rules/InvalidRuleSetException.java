package dev.tenure.engine.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not compile or validate; it never replaces working rules. */
public class InvalidRuleSetException extends RuntimeException {

    private final transient List<RuleProblem> problems;
    private final String ruleSet;

    public InvalidRuleSetException(List<RuleProblem> problems) {
        this("The rule set", "The rule set in tenure.rules-folder", problems);
    }

    /** A rule set that cannot be used, named in words ("Rule set 8ae2f02cfdd4, in force in the database"). */
    InvalidRuleSetException(String ruleSet, List<RuleProblem> problems) {
        this(ruleSet, ruleSet, problems);
    }

    private InvalidRuleSetException(String shortName, String ruleSet, List<RuleProblem> problems) {
        this(shortName, ruleSet, RuleProblem.firstOf(problems), RuleProblem.count(problems));
    }

    private InvalidRuleSetException(String shortName, String ruleSet, List<RuleProblem> told, int count) {
        super(shortName + " has " + count + " problem(s):\n" + told.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.ruleSet = ruleSet;
        this.problems = told;
    }

    /** Which rule set cannot be used, in words: the folder's, unless named otherwise. */
    public String ruleSet() {
        return ruleSet;
    }

    /** The first {@link RuleProblem#MOST} problems, and one counting the rest ({@link RuleProblem#count}). */
    public List<RuleProblem> problems() {
        return problems;
    }
}
