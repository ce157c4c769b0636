package dev.tenure.connectors.metrics;

import dev.tenure.connectors.metrics.SourceCounters.Outcome;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.engine.intake.AfterCommit;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.intake.SignalIntake;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine's intake as every route sees it (it is the primary {@link Intake}), counting what each
 * batch brought: accepted and duplicate records per source and kind. A batch the engine refuses is not
 * counted here; the route dead-letters it, and {@link CountedDeadLetters} counts that.
 */
@Primary
@Component
class CountedIntake implements Intake {

    /** Accounts and contacts name no source of their own. */
    static final String NO_SOURCE = "none";
    /** Signals of several sources or kinds in one batch: the engine reports their duplicates together. */
    static final String MIXED = "mixed";

    private final SignalIntake engine;
    private final SourceCounters counters;

    CountedIntake(SignalIntake engine, SourceCounters counters) {
        this.engine = engine;
        this.counters = counters;
    }

    private record Group(String source, String kind) {
    }

    @Override
    public IntakeResult accept(Batch batch) {
        return counted(batch, engine.accept(batch));
    }

    @Override
    public IntakeResult store(Batch batch) {
        return counted(batch, engine.store(batch));
    }

    @Override
    public IntakeResult evaluateQueued() {
        return engine.evaluateQueued();
    }

    /** Once the batch is in for good: called inside a caller's transaction, when that one commits. */
    private IntakeResult counted(Batch batch, IntakeResult result) {
        Map<Group, Long> signals = batch.signals().stream().map(Labeled::value)
                .collect(Collectors.groupingBy(CountedIntake::groupOf, Collectors.counting()));
        Group group = signals.size() == 1 ? named(signals.keySet().iterator().next()) : new Group(MIXED, MIXED);
        AfterCommit.count(() -> {
            // Accounts and contacts are upserts: all of them count as accepted.
            counters.count(NO_SOURCE, RecordKind.ACCOUNTS.label(), Outcome.ACCEPTED, batch.accounts().size());
            counters.count(NO_SOURCE, RecordKind.CONTACTS.label(), Outcome.ACCEPTED, batch.contacts().size());
            counters.count(group.source(), group.kind(), Outcome.ACCEPTED,
                    (long) result.accepted() - batch.accounts().size() - batch.contacts().size());
            counters.count(group.source(), group.kind(), Outcome.DUPLICATE, result.duplicates());
        });
        return result;
    }

    @Override
    public IntakeResult reevaluate(Collection<String> accountIds) {
        return engine.reevaluate(accountIds);
    }

    /** By the engine's own kind name: the counters' name for it is looked up once per batch, not per signal. */
    private static Group groupOf(Signal signal) {
        return new Group(signal.source(), signal.kind());
    }

    private static Group named(Group group) {
        return new Group(group.source(), kindNamed(group.kind()));
    }

    /** The engine's short names (ticket) as sources name the kinds (tickets). */
    static String kindOf(Signal signal) {
        return kindNamed(signal.kind());
    }

    private static String kindNamed(String kind) {
        return RecordKind.named(kind).or(() -> RecordKind.named(kind + "s")).map(RecordKind::label).orElse(kind);
    }
}
