package dev.tenure.connectors.files;

import dev.tenure.connectors.records.RecordKind;

import java.util.List;

/**
 * What became of one dropped file: records read, stored, recognised as already received, and turned
 * into dead letters, and what the engine did with the accounts they touched.
 *
 * @param notes what the file has that was not read though it looks like what would be (a column {@code ARR} for
 *              {@code arr}), each said once for the file rather than on every line
 */
public record FileReport(String file, RecordKind kind, int records, int accepted, int duplicates, int deadLetters,
                         int accountsEvaluated, int playsStarted, List<String> notes) {

    public FileReport {
        notes = List.copyOf(notes);
    }

    @Override
    public String toString() {
        String counts = "%s: %d %s records, %d stored, %d duplicates, %d dead letters, %d accounts evaluated, %d plays started"
                .formatted(file, records, kind.label(), accepted, duplicates, deadLetters, accountsEvaluated, playsStarted);
        return notes.isEmpty() ? counts : counts + "; " + String.join("; ", notes);
    }
}
