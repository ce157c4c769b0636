package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetGate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Keeps a rule set out while its own scenarios fail: each failing scenario, and each problem in a
 * scenario file, becomes a problem at the scenario's file and line; a rule that failed or was stopped
 * while a scenario ran, a problem at the rule's line.
 */
@Component
public class ScenarioGate implements RuleSetGate {

    private final ScenarioSuite suite;

    public ScenarioGate(ScenarioSuite suite) {
        this.suite = suite;
    }

    @Override
    public List<RuleProblem> check(RuleSet candidate) {
        ScenarioReport report = suite.run(candidate);
        List<RuleProblem> problems = new ArrayList<>();
        for (ScenarioProblem p : report.problems()) {
            problems.add(new RuleProblem(p.file(), p.line(), 0, p.message()));
        }
        Set<String> told = new HashSet<>();
        for (ScenarioResult r : report.results()) {
            RuleProblem failed = r.outcome().rulesFailed();
            // A scenario not run carries the stopped one's outcome: it is told as its own failure below.
            if (r.ran() && failed != null && !failed.file().isEmpty()) {
                // Told at the rule's own line, once per rule and reason, naming the first scenario that showed it.
                if (told.add(failed.toString())) {
                    problems.add(new RuleProblem(failed.file(), failed.line(), 0, failed.message() + " (scenario \""
                            + r.scenario().name() + "\", " + r.where() + ")"));
                }
                continue;
            }
            if (!r.passed()) {
                problems.add(new RuleProblem(r.scenario().file(), r.scenario().line(), 0,
                        "scenario \"" + r.scenario().name() + "\" failed: " + String.join("; ", r.failures())));
            }
        }
        return problems;
    }
}
