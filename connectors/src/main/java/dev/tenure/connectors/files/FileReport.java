package dev.tenure.connectors.files;

import dev.tenure.connectors.records.RecordKind;

/**
 * What became of one dropped file: records read, stored, recognised as already received, and turned
 * into dead letters, and what the engine did with the accounts they touched.
 */
public record FileReport(String file, RecordKind kind, int records, int accepted, int duplicates, int deadLetters,
                         int accountsEvaluated, int playsStarted) {

    @Override
    public String toString() {
        return "%s: %d %s records, %d stored, %d duplicates, %d dead letters, %d accounts evaluated, %d plays started"
                .formatted(file, records, kind.label(), accepted, duplicates, deadLetters, accountsEvaluated, playsStarted);
    }
}
