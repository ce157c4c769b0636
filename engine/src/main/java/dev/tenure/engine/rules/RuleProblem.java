package dev.tenure.engine.rules;

/** Why a rule set cannot be used: file (under the rules folder), line, column (0 when not known), message. */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
