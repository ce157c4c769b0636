package dev.tenure.engine.scenarios;

import java.util.List;

/**
 * One scenario run: what happened and, when it did not meet its expectations, each failure in words. A
 * scenario not run ({@code ran} false: the rules were stopped in an earlier one) carries that run's outcome.
 */
public record ScenarioResult(Scenario scenario, ScenarioOutcome outcome, List<String> failures, boolean ran) {

    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    public ScenarioResult(Scenario scenario, ScenarioOutcome outcome, List<String> failures) {
        this(scenario, outcome, failures, true);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Where the scenario is written: {@code tests/churn.yml:12}. */
    public String where() {
        return scenario.file() + ":" + scenario.line();
    }
}
