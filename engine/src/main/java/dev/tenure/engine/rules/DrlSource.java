package dev.tenure.engine.rules;

import java.util.function.IntUnaryOperator;

/**
 * DRL to check and compile: a .drl file as written, or the DRL a decision table stands for. Problems are
 * always told at the line of the file people edit; {@code fileLine} maps a line of {@code text} to it.
 */
record DrlSource(RuleFile file, String text, IntUnaryOperator fileLine) {

    static DrlSource of(RuleFile drl) {
        return new DrlSource(drl, drl.content(), IntUnaryOperator.identity());
    }

    /** Generated from a decision table: lines are told as the table's rows, and columns mean nothing there. */
    boolean generated() {
        return file.isDecisionTable();
    }

    /** The name in the KieFileSystem: always a .drl, so Drools reads exactly the text that was checked. */
    String buildPath() {
        return generated() ? file.path() + ".drl" : file.path();
    }

    RuleProblem problem(Finding finding) {
        TextLines lines = new TextLines(text);
        return problem(lines.line(finding.offset()), lines.column(finding.offset()), finding.message());
    }

    /** A problem at a line and column of {@code text} (0 or less: not known). */
    RuleProblem problem(int line, int column, String message) {
        int at = line > 0 ? fileLine.applyAsInt(line) : 0;
        return new RuleProblem(file.path(), at, generated() || column < 0 ? 0 : column, message);
    }
}
