package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        // One current time for the whole report: the scenarios without a now are read and run at the same moment.
        Instant runsAt = clock.instant();
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (RuleFile f : ruleSet.files().files()) {
            if (f.isScenario()) {
                scenarios.addAll(ScenarioFiles.parse(f.path(), f.content(), ruleSet.plays().keySet(), true, runsAt, problems));
            }
        }
        return report(ruleSet, scenarios, problems, start, runsAt);
    }

    /** Scenarios written elsewhere (posted through the API), against this rule set. */
    public ScenarioReport run(RuleSet ruleSet, String file, String yaml) {
        long start = System.nanoTime();
        Instant runsAt = clock.instant();
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioFiles.parse(file, yaml, ruleSet.plays().keySet(), true, runsAt, problems);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return report(ruleSet, scenarios, problems, start, runsAt);
    }

    /** One scenario, its {@code expect} optional: what the rules would do, with nothing stored. */
    public ScenarioResult dryRun(RuleSet ruleSet, String file, String yaml) {
        Instant runsAt = clock.instant();
        List<ScenarioProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = ScenarioFiles.parse(file, yaml, ruleSet.plays().keySet(), false, runsAt, problems);
        if (problems.isEmpty() && scenarios.size() != 1) {
            problems.add(new ScenarioProblem(file, 1, "a dry run takes one scenario, not " + scenarios.size()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return run(ruleSet, scenarios.get(0), new Explanations(ruleSet.files()), runsAt);
    }

    /**
     * Runs the scenarios in order. Once the rules were stopped at the time limit, the scenarios after are
     * not run but failed: the same rules would most likely be stopped again, and a rule set's check must
     * answer within seconds.
     */
    private ScenarioReport report(RuleSet ruleSet, List<Scenario> scenarios, List<ScenarioProblem> problems, long start,
                                  Instant runsAt) {
        Explanations explain = new Explanations(ruleSet.files());
        List<ScenarioResult> results = new ArrayList<>();
        ScenarioResult stopped = null;
        for (Scenario scenario : scenarios) {
            if (stopped != null) {
                results.add(new ScenarioResult(scenario, stopped.outcome(), List.of("not run: the rules were stopped at the"
                        + " time limit in scenario \"" + stopped.scenario().name() + "\" (" + stopped.where() + ")"), false));
                continue;
            }
            ScenarioResult result = run(ruleSet, scenario, explain, runsAt);
            results.add(result);
            if (result.outcome().rulesFailed() != null && result.outcome().rulesStopped()) {
                stopped = result;
            }
        }
        return new ScenarioReport(ruleSet.version(), results, problems, Duration.ofNanos(System.nanoTime() - start));
    }

    private ScenarioResult run(RuleSet ruleSet, Scenario scenario, Explanations explain, Instant runsAt) {
        ScenarioOutcome outcome = runner.run(ruleSet, scenario, runsAt);
        if (outcome.rulesFailed() != null) {
            return new ScenarioResult(scenario, outcome, List.of("the rules could not be evaluated: "
                    + outcome.rulesFailed().message()));
        }
        List<String> failures = scenario.expect() == null ? List.of() : scenario.expect().failures(outcome, explain);
        return new ScenarioResult(scenario, outcome, failures);
    }
}
