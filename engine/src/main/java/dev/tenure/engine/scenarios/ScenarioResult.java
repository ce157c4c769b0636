package dev.tenure.engine.scenarios;

import java.util.List;

/** One scenario run: what happened and, when it did not meet its expectations, each failure in words. */
public record ScenarioResult(Scenario scenario, ScenarioOutcome outcome, List<String> failures) {

    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Where the scenario is written: {@code tests/churn.yml:12}. */
    public String where() {
        return scenario.file() + ":" + scenario.line();
    }
}
