package dev.tenure.engine.intake;

/**
 * What a batch changed: records stored, signals recognised as already received (and ignored), and the
 * accounts evaluated against the rules.
 */
public record IntakeResult(int accepted, int duplicates, int accountsEvaluated, int playsStarted) {
}
