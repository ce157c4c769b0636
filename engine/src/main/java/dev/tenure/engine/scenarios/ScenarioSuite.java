package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenarios against a rule set: its own scenario files ({@code tests/*.yml}), scenarios posted as
 * YAML, or one scenario as a dry run. Nothing is stored or sent; scenarios without a {@code now} run at
 * the clock's current time.
 */
@Component
public class ScenarioSuite {

    private final Clock clock;
    private final ScenarioRunner runner = new ScenarioRunner();

    public ScenarioSuite(Clock clock) {
        this.clock = clock;
    }

    /** The rule set's own scenario files; a file that does not read is a problem in the report. */
    public ScenarioReport run(RuleSet ruleSet) {
        long start = System.nanoTime();
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (RuleFile f : ruleSet.files().files()) {
            if (f.isScenario()) {
                scenarios.addAll(ScenarioFiles.parse(f.path(), f.content(), ruleSet.plays().keySet(), true, problems));
            }
        }
        return report(ruleSet, scenarios, problems, start);
    }

    /** Scenarios written elsewhere (posted through the API), against this rule set. */
    public ScenarioReport run(RuleSet ruleSet, String file, String yaml) {
        long start = System.nanoTime();
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioFiles.parse(file, yaml, ruleSet.plays().keySet(), true, problems);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return report(ruleSet, scenarios, problems, start);
    }

    /** One scenario, its {@code expect} optional: what the rules would do, with nothing stored. */
    public ScenarioResult dryRun(RuleSet ruleSet, String file, String yaml) {
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioFiles.parse(file, yaml, ruleSet.plays().keySet(), false, problems);
        if (problems.isEmpty() && scenarios.size() != 1) {
            problems.add(new ScenarioProblem(file, 1, "a dry run takes one scenario, not " + scenarios.size()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return run(ruleSet, scenarios.get(0), new Explanations(ruleSet.files()));
    }

    /**
     * Runs the scenarios in order. Once the rules were stopped at the time limit, the scenarios after are
     * not run but failed: the same rules would most likely be stopped again, and a rule set's check must
     * answer within seconds.
     */
    private ScenarioReport report(RuleSet ruleSet, List<Scenario> scenarios, List<ScenarioProblem> problems, long start) {
        Explanations explain = new Explanations(ruleSet.files());
        List<ScenarioResult> results = new ArrayList<>();
        ScenarioResult stopped = null;
        for (Scenario scenario : scenarios) {
            if (stopped != null) {
                results.add(new ScenarioResult(scenario, stopped.outcome(), List.of("not run: the rules were stopped at the"
                        + " time limit in scenario \"" + stopped.scenario().name() + "\" (" + stopped.where() + ")"), false));
                continue;
            }
            ScenarioResult result = run(ruleSet, scenario, explain);
            results.add(result);
            if (result.outcome().rulesFailed() != null && result.outcome().rulesStopped()) {
                stopped = result;
            }
        }
        return new ScenarioReport(ruleSet.version(), results, problems, Duration.ofNanos(System.nanoTime() - start));
    }

    private ScenarioResult run(RuleSet ruleSet, Scenario scenario, Explanations explain) {
        ScenarioOutcome outcome = runner.run(ruleSet, scenario, clock.instant());
        if (outcome.rulesFailed() != null) {
            return new ScenarioResult(scenario, outcome, List.of("the rules could not be evaluated: "
                    + outcome.rulesFailed().message()));
        }
        List<String> failures = scenario.expect() == null ? List.of() : scenario.expect().failures(outcome, explain);
        return new ScenarioResult(scenario, outcome, failures);
    }
}
