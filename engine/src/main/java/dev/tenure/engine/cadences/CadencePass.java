package dev.tenure.engine.cadences;

/**
 * What one pass over every cadence did.
 *
 * @param candidates  accounts whose next occurrence came near enough to be planned
 * @param occurrences occurrences written as new play runs (an occurrence already written counts once, ever)
 * @param steps       step rows written, skipped ones included
 */
public record CadencePass(int candidates, int occurrences, int steps) {

    CadencePass plus(CadencePass other) {
        return new CadencePass(candidates + other.candidates, occurrences + other.occurrences, steps + other.steps);
    }
}
