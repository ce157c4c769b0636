package dev.tenure.engine.scenarios;

import java.util.List;
import java.util.stream.Collectors;

/** Scenario text that cannot be run: each problem names its file and line. */
public class InvalidScenarioException extends RuntimeException {

    private final transient List<ScenarioProblem> problems;

    public InvalidScenarioException(List<ScenarioProblem> problems) {
        this.problems = List.copyOf(problems);
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }

    /**
     * Every problem, one a line; joined when asked, not when thrown: a refused file may hold hundreds of thousands of
     * problems, and an answer that lists only the first ones should not build tens of megabytes of text first.
     */
    @Override
    public String getMessage() {
        return problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n"));
    }
}
