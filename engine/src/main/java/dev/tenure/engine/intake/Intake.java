package dev.tenure.engine.intake;

import java.util.Collection;

/**
 * The engine's ingest port. {@link #accept} stores a batch and evaluates the accounts it touched; a
 * batch with a bad record is refused whole with {@link RejectedRecordsException} naming each one.
 */
public interface Intake {

    IntakeResult accept(Batch batch);

    /** Evaluates accounts again with no new signal, for rules about time (renewals, QBRs, silence). */
    IntakeResult reevaluate(Collection<String> accountIds);
}
