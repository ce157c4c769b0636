package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetGate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a rule set out while its own scenarios fail: each failing scenario, and each problem in a
 * scenario file, becomes a problem at the scenario's file and line.
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
        for (ScenarioResult r : report.results()) {
            if (!r.passed()) {
                problems.add(new RuleProblem(r.scenario().file(), r.scenario().line(), 0,
                        "scenario \"" + r.scenario().name() + "\" failed: " + String.join("; ", r.failures())));
            }
        }
        return problems;
    }
}
