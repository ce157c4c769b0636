package dev.tenure.engine.schedule;

import dev.tenure.engine.plays.PlayRunChanges;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Pause, resume and cancel a play run by hand. Each change commits before the scheduler is woken, so a
 * wake-up never finds the steps still paused.
 */
@Component
public class PlayRunControl {

    private final PlayRunChanges changes;
    private final StepScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public PlayRunControl(PlayRunChanges changes, StepScheduler scheduler, TransactionTemplate transaction, Clock clock) {
        this.changes = changes;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    public void pause(long runId, String by) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(tx -> changes.pause(runId, by, now));
    }

    public void resume(long runId, String by) {
        Instant now = clock.instant();
        List<Instant> due = transaction.execute(tx -> changes.resume(runId, by, now));
        scheduler.wake(due);
    }

    public void cancel(long runId, String by) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(tx -> changes.cancel(runId, by, now));
    }
}
