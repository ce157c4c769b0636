package dev.tenure.engine.plays;

/** Something wrong in a play file, at a line (1-based; 0 when the whole file is meant). */
public record PlayFileProblem(String file, int line, String message) {
}
