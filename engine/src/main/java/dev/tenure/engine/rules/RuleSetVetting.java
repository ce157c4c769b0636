package dev.tenure.engine.rules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether candidate files may become the rule set in force: they must compile and validate
 * into a fresh KieContainer, then pass every {@link RuleSetGate} bean (such as the scenario tests).
 * Nothing here touches the running rules or the database.
 */
@Component
class RuleSetVetting {

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    // Looked up on each use rather than injected as a list: a gate may be defined after this bean.
    private final ObjectProvider<RuleSetGate> gates;

    RuleSetVetting(ObjectProvider<RuleSetGate> gates) {
        this.gates = gates;
    }

    Vetted vet(RuleSetFiles files) {
        RuleSet candidate;
        try {
            candidate = compiler.compile(files);
        } catch (InvalidRuleSetException e) {
            return new Vetted(files, null, e.problems());
        } catch (RuntimeException e) {
            return new Vetted(files, null, List.of(new RuleProblem("", 0, 0, "the rule set could not be built: " + e)));
        }
        List<RuleProblem> problems = new ArrayList<>();
        gates.orderedStream().forEach(gate -> {
            try {
                problems.addAll(gate.check(candidate));
            } catch (RuntimeException e) {
                // A gate that breaks has not said yes: keep the candidate out and say which gate broke.
                problems.add(new RuleProblem("", 0, 0, gate.getClass().getSimpleName() + " could not check the rule set: " + e));
            }
        });
        return new Vetted(files, candidate, problems);
    }

    /** A vetted candidate: its files, the compiled rule set (null if it did not compile), and its problems. */
    record Vetted(RuleSetFiles files, RuleSet ruleSet, List<RuleProblem> problems) {

        Vetted {
            problems = List.copyOf(problems);
        }

        boolean passed() {
            return problems.isEmpty();
        }

        List<String> ruleNames() {
            return ruleSet == null ? List.of() : ruleSet.ruleNames();
        }
    }
}
