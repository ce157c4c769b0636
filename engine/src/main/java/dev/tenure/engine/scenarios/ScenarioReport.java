package dev.tenure.engine.scenarios;

import java.time.Duration;
import java.util.List;

/**
 * The scenarios of one run against one rule set version: each result, and the problems that kept
 * scenarios from running at all (a file that does not read, an unknown play). It passes when every
 * scenario passed and there was no problem.
 */
public record ScenarioReport(String ruleSetVersion, List<ScenarioResult> results, List<ScenarioProblem> problems,
                             Duration took) {

    public ScenarioReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
    }

    public long failedCount() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    public long passedCount() {
        return results.size() - failedCount();
    }

    /** The report as a person reads it: a line per scenario, failures and problems spelt out, a summary. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Scenarios of rule set ").append(ruleSetVersion).append('\n');
        for (ScenarioResult r : results) {
            out.append(r.passed() ? "  ok    " : "  FAIL  ").append(r.where()).append("  ").append(r.scenario().name()).append('\n');
            for (String failure : r.failures()) {
                out.append("        ").append(failure).append('\n');
            }
        }
        for (ScenarioProblem p : problems) {
            out.append("  ERROR ").append(p).append('\n');
        }
        out.append(summary()).append('\n');
        return out.toString();
    }

    public String summary() {
        return results.size() + " scenarios: " + passedCount() + " passed, " + failedCount() + " failed"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s) in scenario files")
                + " (" + took.toMillis() + " ms)";
    }
}
