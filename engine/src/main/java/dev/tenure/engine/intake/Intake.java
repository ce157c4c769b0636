package dev.tenure.engine.intake;

import java.util.Collection;

/**
 * The engine's ingest port. {@link #accept} stores a batch and evaluates the accounts it touched; a
 * batch with a bad record is refused whole with {@link RejectedRecordsException} naming each one.
 */
public interface Intake {

    IntakeResult accept(Batch batch);

    /**
     * Stores a batch as {@link #accept} does, but queues the accounts it touched instead of evaluating
     * them: a large file is stored a chunk at a time and then {@link #evaluateQueued} evaluates each
     * account once. The queue outlives the node, so work left by a stop is done by the next pass.
     */
    IntakeResult store(Batch batch);

    /** Evaluates every queued account, a group at a time, with the signals that arrived while it waited. */
    IntakeResult evaluateQueued();

    /** Evaluates accounts again with no new signal, for rules about time (renewals, QBRs, silence). */
    IntakeResult reevaluate(Collection<String> accountIds);
}
