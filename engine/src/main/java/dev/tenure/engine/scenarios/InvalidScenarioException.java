package dev.tenure.engine.scenarios;

import java.util.List;
import java.util.stream.Collectors;

/** Scenario text that cannot be run: each problem names its file and line. */
public class InvalidScenarioException extends RuntimeException {

    private final transient List<ScenarioProblem> problems;

    public InvalidScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }
}
