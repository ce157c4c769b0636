package dev.tenure.engine.scenarios;

/** Something wrong in a scenario file, at a line (1-based). */
public record ScenarioProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
