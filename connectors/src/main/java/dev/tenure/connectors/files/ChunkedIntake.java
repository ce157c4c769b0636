package dev.tenure.connectors.files;

import dev.tenure.connectors.records.RecordKind;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hands the good records of one file to the engine a chunk at a time, and stores its bad lines as
 * dead letters. A chunk the engine refuses is tried again record by record, so one record naming an
 * unknown account costs only its own line, not the thousand around it. Chunks are stored without being
 * evaluated; {@link #finish} then has the engine evaluate each account the file touched once, however
 * many chunks named it.
 */
final class ChunkedIntake {

    static final String SOURCE = "file";

    private static final Logger log = LoggerFactory.getLogger(ChunkedIntake.class);

    private final Intake intake;
    private final DeadLetters deadLetters;
    private final String fileName;
    private final int chunkSize;
    private final List<Pending> pending = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private int records;
    private int accepted;
    private int duplicates;
    private int deadLettered;
    private int accountsEvaluated;
    private int playsStarted;

    ChunkedIntake(Intake intake, DeadLetters deadLetters, String fileName, int chunkSize) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.fileName = fileName;
        this.chunkSize = chunkSize;
    }

    private record Pending(int line, String text, String label, Object record) {
    }

    void add(int line, String text, String label, Object record) {
        records++;
        pending.add(new Pending(line, text, label, record));
        if (pending.size() >= chunkSize) {
            flush();
        }
    }

    void reject(int line, String text, List<RecordError> errors) {
        reject(line, text, reason(errors));
    }

    void reject(int line, String text, String reason) {
        records++;
        letters.add(DeadLetter.of(SOURCE, fileName, line, text, reason));
        if (letters.size() >= chunkSize) {
            flush();
        }
    }

    /** Sends what is pending; called when a chunk is full. */
    void flush() {
        if (!pending.isEmpty()) {
            try {
                count(intake.store(batchOf(pending)));
            } catch (RejectedRecordsException e) {
                log.info("{}: the engine refused a chunk of {} records ({}); trying them one by one",
                        fileName, pending.size(), e.getMessage());
                pending.forEach(this::acceptAlone);
            }
            pending.clear();
        }
        if (!letters.isEmpty()) {
            deadLetters.record(letters);
            deadLettered += letters.size();
            letters.clear();
        }
    }

    /** Sends what is pending, then evaluates the accounts the file touched; called once, at the end. */
    void finish() {
        flush();
        count(intake.evaluateQueued());
    }

    private void acceptAlone(Pending record) {
        try {
            count(intake.store(batchOf(List.of(record))));
        } catch (RejectedRecordsException e) {
            letters.add(DeadLetter.of(SOURCE, fileName, record.line(), record.text(), reason(e.errors())));
        }
    }

    private static Batch batchOf(List<Pending> records) {
        Batch.Builder batch = new Batch.Builder();
        records.forEach(r -> batch.add(r.label(), r.record()));
        return batch.build();
    }

    private void count(IntakeResult result) {
        accepted += result.accepted();
        duplicates += result.duplicates();
        accountsEvaluated += result.accountsEvaluated();
        playsStarted += result.playsStarted();
    }

    /** "field: message; field: message": the line is already named by the dead letter itself. */
    static String reason(List<RecordError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    FileReport report(RecordKind kind) {
        return new FileReport(fileName, kind, records, accepted, duplicates, deadLettered, accountsEvaluated,
                playsStarted);
    }
}
