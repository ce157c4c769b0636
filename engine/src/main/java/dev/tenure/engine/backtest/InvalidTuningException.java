package dev.tenure.engine.backtest;

import java.util.List;

/** A tuning file that cannot be used, or knobs that do not fit the rule set: every problem at its line. */
public class InvalidTuningException extends RuntimeException {

    private final List<String> problems;

    public InvalidTuningException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each as {@code file:line: message}. */
    public List<String> problems() {
        return problems;
    }
}
