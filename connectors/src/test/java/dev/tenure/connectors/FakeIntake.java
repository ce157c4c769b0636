package dev.tenure.connectors;

import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.Signal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Stands in for the engine in unit tests: keeps every batch it stored and, like the engine, refuses a
 * whole batch when a signal or contact names an account it does not know.
 */
public class FakeIntake implements Intake {

    private final Set<String> unknownAccounts;
    private final List<Batch> stored = new ArrayList<>();
    private int calls;

    public FakeIntake(String... unknownAccounts) {
        this.unknownAccounts = Set.of(unknownAccounts);
    }

    @Override
    public synchronized IntakeResult accept(Batch batch) {
        calls++;
        List<RecordError> errors = new ArrayList<>();
        batch.signals().stream().filter(s -> unknownAccounts.contains(s.value().accountId()))
                .forEach(s -> errors.add(unknown(s.label(), s.value().accountId())));
        batch.contacts().stream().filter(c -> unknownAccounts.contains(c.value().accountId()))
                .forEach(c -> errors.add(unknown(c.label(), c.value().accountId())));
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
        stored.add(batch);
        return new IntakeResult(batch.size(), 0, 1, 0);
    }

    /** Like {@link #accept}: the fake evaluates nothing either way. */
    @Override
    public IntakeResult store(Batch batch) {
        return accept(batch);
    }

    @Override
    public IntakeResult evaluateQueued() {
        return new IntakeResult(0, 0, 0, 0);
    }

    @Override
    public IntakeResult reevaluate(Collection<String> accountIds) {
        return new IntakeResult(0, 0, accountIds.size(), 0);
    }

    private static RecordError unknown(String label, String accountId) {
        return new RecordError(label, "accountId", "unknown account '" + accountId + "'");
    }

    /** How many times {@link #accept} was called, refused batches included. */
    public synchronized int calls() {
        return calls;
    }

    public synchronized List<Batch> stored() {
        return stored;
    }

    public List<String> storedLabels() {
        List<String> labels = new ArrayList<>();
        stored.forEach(b -> {
            b.accounts().stream().map(Labeled::label).forEach(labels::add);
            b.contacts().stream().map(Labeled::label).forEach(labels::add);
            b.signals().stream().map(Labeled::label).forEach(labels::add);
        });
        return labels;
    }

    public synchronized List<Signal> storedSignals() {
        return stored.stream().flatMap(b -> b.signals().stream()).map(Labeled::value).toList();
    }
}
