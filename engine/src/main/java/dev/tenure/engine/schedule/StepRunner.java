package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.meters.EngineMeters;
import dev.tenure.engine.plays.DueSteps;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.StepStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs due steps a batch at a time. Each batch is one transaction: the steps are claimed with
 * {@code SKIP LOCKED}, carried out, and marked with their result before the locks are released, so a
 * step runs once whichever node takes it. Several workers ({@code tenure.step-workers}) drain side by
 * side, each claiming its own batch: while one waits for SMTP or PostgreSQL, another renders. A node that
 * is stopping finishes the batches it holds and takes no new one ({@link BatchGate}).
 */
@Component
public class StepRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private static final Duration STRANDED_SCAN_EVERY = Duration.ofMinutes(5);

    private final DueSteps dueSteps;
    private final PlayRuns runs;
    private final StepActions actions;
    private final TransactionTemplate transaction;
    private final StepScheduler scheduler;
    private final Clock clock;
    private final int batchSize;
    private final int workers;
    private final BatchGate gate;
    private final ExecutorService helpers;
    private final EngineMeters meters;
    /** When, by System.nanoTime, the next scan for stranded runs is due (a pace, not a business time). */
    private final AtomicLong nextStrandedScan = new AtomicLong(System.nanoTime());

    StepRunner(DueSteps dueSteps, PlayRuns runs, StepActions actions, TransactionTemplate transaction,
               StepScheduler scheduler, Clock clock, EngineProperties properties, BatchGate gate, EngineMeters meters) {
        this.gate = gate;
        this.meters = meters;
        this.dueSteps = dueSteps;
        this.runs = runs;
        this.actions = actions;
        this.transaction = transaction;
        this.scheduler = scheduler;
        this.clock = clock;
        this.batchSize = properties.stepBatchSize();
        this.workers = properties.stepWorkers();
        AtomicInteger n = new AtomicInteger();
        // The calling Quartz thread is one worker; the others run here.
        this.helpers = workers > 1 ? Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "tenure-steps-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Runs everything due now; returns how many steps ran. */
    public int runDue() {
        List<Instant> retries = Collections.synchronizedList(new ArrayList<>());
        int total;
        if (helpers == null) {
            total = drain(retries);
        } else {
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i < workers; i++) {
                others.add(helpers.submit(() -> drain(retries)));
            }
            total = drain(retries);
            for (Future<Integer> other : others) {
                total += join(other);
            }
        }
        // After the commit, so the trigger finds the step's new due time.
        scheduler.wake(retries);
        completeStrandedRuns();
        return total;
    }

    /**
     * Now and then (the drain runs at every wake-up, this scan need not): the runs whose completion after their last
     * batch was lost ({@link PlayRuns#completeStranded}).
     */
    private void completeStrandedRuns() {
        long now = System.nanoTime();
        long due = nextStrandedScan.get();
        if (now - due < 0 || !nextStrandedScan.compareAndSet(due, now + STRANDED_SCAN_EVERY.toNanos())) {
            return;
        }
        try {
            int completed = gate.run(() -> transaction.execute(tx -> runs.completeStranded(clock.instant(), batchSize)));
            if (completed > 0) {
                log.warn("Completed {} play run(s) left running with no step to run", completed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not complete play runs left running with no step to run; tried again later: {}", e.getMessage());
        }
    }

    /**
     * Runs one step now if it is still scheduled, through the same path as a batch; returns 1 if it ran.
     * For a job per step (the benchmark's baseline) and for operators; due steps need not be run this way.
     */
    public int runOne(long stepId) {
        List<Instant> retries = new ArrayList<>();
        List<Runnable> counts = new ArrayList<>();
        int ran = gate.run(() -> batch(now -> dueSteps.claimOne(stepId), retries, counts));
        counts.forEach(Runnable::run);
        scheduler.wake(retries);
        return ran;
    }

    private int drain(List<Instant> retries) {
        int total = 0;
        int ran;
        do {
            List<Runnable> counts = new ArrayList<>();
            ran = gate.run(() -> batch(now -> dueSteps.claim(now, batchSize), retries, counts));
            // After the commit: a batch that rolled back ran again, and counts then.
            counts.forEach(Runnable::run);
            total += ran;
            // Until a claim comes back empty, not merely short: a step that waited for an earlier step of its
            // run (see DueSteps.claim) becomes claimable once that batch has committed.
        } while (ran > 0);
        return total;
    }

    /**
     * One batch in its transaction; then, once it has committed and let its steps go, every run it left running with
     * nothing scheduled is completed, waiting for whatever holds it first. Those are the runs a cancel, a churn or a
     * pause was holding (they waited for its steps; see {@link PlayRuns#completeIfDone}), and the runs whose last two
     * steps two workers ran at once: inside its transaction each saw the other's step still scheduled, but the one
     * that commits last sees both done here.
     */
    private int batch(Function<Instant, List<PlayStep>> claim, List<Instant> retries, List<Runnable> counts) {
        List<Long> touched = new ArrayList<>();
        int ran = transaction.execute(tx -> runBatch(claim, retries, counts, touched));
        if (!touched.isEmpty()) {
            try {
                transaction.executeWithoutResult(tx -> runs.completeOnceFree(touched, clock.instant()));
            } catch (RuntimeException e) {
                // The batch has committed: its steps are done, and only whether these runs end is left undecided.
                log.error("Play runs {} ran their last steps but could not be completed", touched, e);
            }
        }
        return ran;
    }

    private int runBatch(Function<Instant, List<PlayStep>> claim, List<Instant> retries, List<Runnable> counts,
                         List<Long> touched) {
        Instant now = clock.instant();
        List<PlayStep> steps = claim.apply(now);
        if (steps.isEmpty()) {
            return 0;
        }
        Map<Long, StepResult> results = actions.carryOut(steps, now);
        List<DueSteps.Finished> finished = new ArrayList<>(steps.size());
        for (PlayStep step : steps) {
            StepResult result = results.get(step.id());
            counts.add(() -> meters.stepRan(step.type().name(), result.outcome(), Duration.between(step.dueAt(), now)));
            if (result.status() != StepStatus.DONE) {
                log.info("Step {} of play run {} {}: {}", step.id(), step.runId(), result.outcome(), result.detail());
            }
            if (result.retryAt() != null) {
                dueSteps.retryAt(step.id(), result.retryAt(), result.detail());
                retries.add(result.retryAt());
            } else {
                finished.add(new DueSteps.Finished(step.id(), result.status(), result.detail()));
            }
        }
        dueSteps.finish(finished, now);
        List<Long> runIds = steps.stream().map(PlayStep::runId).distinct().toList();
        // Most runs end here, with their last step; the others once this has committed (see batch).
        runs.completeIfDone(runIds, now);
        touched.addAll(runIds);
        return steps.size();
    }

    private static int join(Future<Integer> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            // The worker's batch rolled back; its steps stay due for the next drain.
            log.error("A step worker failed; its batch will run again", e.getCause());
            return 0;
        }
    }

    @Override
    public void destroy() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
