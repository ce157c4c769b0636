package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.plays.DueSteps;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs due steps a batch at a time. Each batch is one transaction: the steps are claimed with
 * {@code SKIP LOCKED}, carried out, and marked with their result before the locks are released, so a
 * step runs once whichever node takes it. A node that is stopping finishes the batch it holds and takes no
 * new one ({@link BatchGate}).
 */
@Component
public class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final DueSteps dueSteps;
    private final PlayRuns runs;
    private final StepActions actions;
    private final TransactionTemplate transaction;
    private final StepScheduler scheduler;
    private final Clock clock;
    private final int batchSize;
    private final BatchGate gate;

    StepRunner(DueSteps dueSteps, PlayRuns runs, StepActions actions, TransactionTemplate transaction,
               StepScheduler scheduler, Clock clock, EngineProperties properties, BatchGate gate) {
        this.gate = gate;
        this.dueSteps = dueSteps;
        this.runs = runs;
        this.actions = actions;
        this.transaction = transaction;
        this.scheduler = scheduler;
        this.clock = clock;
        this.batchSize = properties.stepBatchSize();
    }

    /** Runs everything due now; returns how many steps ran. */
    public int runDue() {
        int total = 0;
        int ran;
        List<Instant> retries = new ArrayList<>();
        do {
            ran = gate.run(() -> transaction.execute(tx -> runBatch(retries)));
            total += ran;
        } while (ran == batchSize);
        // After the commit, so the trigger finds the step's new due time.
        scheduler.wake(retries);
        return total;
    }

    private int runBatch(List<Instant> retries) {
        Instant now = clock.instant();
        List<PlayStep> steps = dueSteps.claim(now, batchSize);
        for (PlayStep step : steps) {
            StepResult result = actions.carryOut(step, now);
            if (!"DONE".equals(result.status())) {
                log.info("Step {} of play run {} {}: {}", step.id(), step.runId(), result.status(), result.detail());
            }
            if (result.retryAt() != null) {
                dueSteps.retryAt(step.id(), result.retryAt(), result.detail());
                retries.add(result.retryAt());
                continue;
            }
            dueSteps.finish(step.id(), result.status(), result.detail(), now);
            runs.completeIfDone(step.runId(), now);
        }
        return steps.size();
    }
}
