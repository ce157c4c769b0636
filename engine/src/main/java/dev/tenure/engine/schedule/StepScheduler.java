package dev.tenure.engine.schedule;

import dev.tenure.engine.storage.AfterCommit;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Wakes the due-steps job for the times steps come due. Future times get one trigger per second
 * ({@code due-<epoch second>}), so many steps due together cost one firing; steps already due get an
 * immediate firing. A missed wake-up is never lost: the sweep trigger drains whatever is due.
 * <p>
 * A wake-up is one transaction. Quartz's JDBC store serializes trigger changes with a row lock
 * ({@code QRTZ_LOCKS}) that only holds inside a transaction: outside one it is released as soon as it is
 * taken, so two threads (or nodes) waking the same second both found no trigger and both inserted it, and
 * the loser's duplicate key failed its whole wake-up, leaving its later seconds to the sweep. Inside one,
 * the second waits for the first, finds its trigger and leaves it; and a wake-up's triggers cost one lock
 * and one commit, not one each.
 */
@Component
public class StepScheduler {

    static final JobKey DUE_STEPS = JobKey.jobKey("due-steps", "tenure");
    private static final String GROUP = "steps";
    private static final Logger log = LoggerFactory.getLogger(StepScheduler.class);

    private final Scheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public StepScheduler(Scheduler scheduler, TransactionTemplate transaction, Clock clock) {
        this.scheduler = scheduler;
        // Its own, always: after a caller's commit (see wake) Spring still has that transaction's connection bound, and
        // joining it would leave the triggers uncommitted.
        this.transaction = new TransactionTemplate(transaction.getTransactionManager(), transaction);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Wakes the job for these due times, in a transaction of its own: the triggers must be visible to every node once
     * it is over. Called inside a transaction (an intake wrapped in a caller's own, as the Stripe subscriptions are),
     * the wake-up waits until that one has committed: the steps are not visible before, and a failed wake-up must not
     * mark the caller's work for rollback.
     */
    public void wake(Collection<Instant> dueTimes) {
        if (dueTimes.isEmpty()) {
            return;
        }
        List<Instant> times = List.copyOf(dueTimes);
        AfterCommit.run(() -> wakeNow(times));
    }

    private void wakeNow(Collection<Instant> dueTimes) {
        Instant now = clock.instant();
        boolean dueNow = dueTimes.stream().anyMatch(due -> !due.isAfter(now));
        TreeSet<Long> seconds = new TreeSet<>();
        for (Instant due : dueTimes) {
            if (due.isAfter(now)) {
                // Rounded up: a trigger a fraction of a second early would find the step not yet due.
                seconds.add(due.getEpochSecond() + (due.getNano() > 0 ? 1 : 0));
            }
        }
        try {
            transaction.executeWithoutResult(tx -> {
                try {
                    if (dueNow) {
                        scheduler.triggerJob(DUE_STEPS);
                    }
                    for (long second : seconds) {
                        schedule(second, now);
                    }
                } catch (SchedulerException e) {
                    throw new WakeFailed(e);
                }
            });
        } catch (WakeFailed | TransactionException e) {
            // The sweep will find these steps; a late step beats a lost batch.
            log.warn("Could not wake the scheduler for {} due time(s); the sweep will run them: {}", dueTimes.size(), e.getMessage());
        }
    }

    private void schedule(long epochSecond, Instant now) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey("due-" + epochSecond, GROUP);
        if (scheduler.checkExists(key)) {
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(DUE_STEPS)
                .startAt(FiringTimes.of(Instant.ofEpochSecond(epochSecond), now))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException e) {
            // Another thread or node scheduled the same second: that firing covers these steps too.
        }
    }

    /** Carries a scheduler's refusal out of the transaction, which it rolls back. */
    private static final class WakeFailed extends RuntimeException {
        WakeFailed(SchedulerException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
