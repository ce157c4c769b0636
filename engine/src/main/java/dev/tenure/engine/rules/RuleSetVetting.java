package dev.tenure.engine.rules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Decides whether candidate files may become the rule set in force: they must compile and validate
 * into a fresh KieContainer, then pass every {@link RuleSetGate} bean (such as the scenario tests).
 * Nothing here touches the running rules or the database. The whole check runs within
 * {@code tenure.rule-limits.checks}, so a change that cannot be checked in time is refused rather than
 * holding up the changes after it. Problems are told in the engine's words: an exception a rule's code
 * threw while a gate ran it is named by its type, never by its message.
 */
@Component
class RuleSetVetting {

    private final RuleSetCompiler compiler;
    private final RuleLimits limits;
    // Looked up on each use rather than injected as a list: a gate may be defined after this bean.
    private final ObjectProvider<RuleSetGate> gates;

    RuleSetVetting(ObjectProvider<RuleSetGate> gates, RuleLimits limits) {
        this.gates = gates;
        this.limits = limits;
        this.compiler = new RuleSetCompiler(limits);
    }

    Vetted vet(RuleSetFiles files) {
        return withinLimit(files, () -> vetNow(files));
    }

    /**
     * Compiles and validates a version that was vetted when it was made active (the version in force, as
     * another node or an earlier start made it so), without asking the gates again: it passed them then,
     * and a node following a change should run it within seconds. The same time limit applies.
     */
    Vetted compile(RuleSetFiles files) {
        return withinLimit(files, () -> compileNow(files));
    }

    private Vetted withinLimit(RuleSetFiles files, Callable<Vetted> check) {
        try {
            return compiler.watch().run(limits.checks(), check, () -> { }, () -> { }, false);
        } catch (RuleWatch.Stopped stopped) {
            String why = stopped.failure() == null
                    ? "checking the rule set took longer than " + limits.checks().toSeconds() + "s and was given up"
                    : "the rule set could not be checked (" + stopped.failure().getClass().getSimpleName() + ")";
            return new Vetted(files, null, List.of(new RuleProblem("", 0, 0, why)));
        }
    }

    private Vetted compileNow(RuleSetFiles files) {
        try {
            return new Vetted(files, compiler.compile(files), List.of());
        } catch (InvalidRuleSetException e) {
            return new Vetted(files, null, e.problems());
        } catch (RuntimeException e) {
            return new Vetted(files, null, List.of(new RuleProblem("", 0, 0, "the rule set could not be built ("
                    + e.getClass().getSimpleName() + ")")));
        }
    }

    private Vetted vetNow(RuleSetFiles files) {
        Vetted compiled = compileNow(files);
        if (!compiled.passed()) {
            return compiled;
        }
        RuleSet candidate = compiled.ruleSet();
        List<RuleProblem> problems = new ArrayList<>();
        gates.orderedStream().forEach(gate -> {
            try {
                problems.addAll(gate.check(candidate));
            } catch (RuleEvaluationException e) {
                problems.add(e.problem());
            } catch (RuntimeException e) {
                // A gate that breaks has not said yes: keep the candidate out and say which gate broke.
                problems.add(new RuleProblem("", 0, 0, gate.getClass().getSimpleName() + " could not check the rule set ("
                        + e.getClass().getSimpleName() + ")"));
            }
        });
        return new Vetted(files, candidate, problems);
    }

    /**
     * A vetted candidate: its files, the compiled rule set (null if it did not compile), and its problems, the
     * first {@link RuleProblem#MOST} of them and one counting the rest ({@link RuleProblem#firstOf}).
     */
    record Vetted(RuleSetFiles files, RuleSet ruleSet, List<RuleProblem> problems) {

        Vetted {
            problems = RuleProblem.firstOf(problems);
        }

        boolean passed() {
            return problems.isEmpty();
        }

        List<String> ruleNames() {
            return ruleSet == null ? List.of() : ruleSet.ruleNames();
        }
    }
}
