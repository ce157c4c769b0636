package dev.tenure.engine.schedule;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the standing triggers (the due-steps sweep, the daily evaluation, cadences, digests) across starts,
 * so a firing that came due while every node was down is made up once by Quartz's misfire handling when
 * the scheduler starts again.
 * <p>
 * Spring adds a job or trigger the store does not have yet and leaves a stored one alone
 * ({@code spring.quartz.overwrite-existing-jobs=false}): replacing it at every start, as overwriting does,
 * computes its next firing from the moment of the start and so drops the firing that was missed. Only a
 * trigger whose schedule the configuration changed (its cron expression, time zone, interval or misfire
 * policy), or one Quartz put in ERROR, is replaced here, before the scheduler starts; the replacement counts
 * from the old trigger's next firing when that has passed, so a missed firing of the new schedule is made up
 * too. Jobs are stored again each start (that keeps their triggers), so a changed job class or description
 * takes effect.
 */
@Component
class StandingTriggers implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(StandingTriggers.class);

    private final Scheduler scheduler;
    private final List<JobDetail> jobs;
    private final List<Trigger> triggers;
    private final TransactionTemplate transaction;

    StandingTriggers(Scheduler scheduler, List<JobDetail> jobs, List<Trigger> triggers, PlatformTransactionManager transactions) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.triggers = triggers;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs when the scheduler exists and before it starts (it starts with the application's lifecycle). */
    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(tx -> {
            try {
                for (JobDetail job : jobs) {
                    scheduler.addJob(job, true);
                }
                for (Trigger wanted : triggers) {
                    keepOrReplace(wanted);
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException("Cannot register the standing Quartz jobs: " + e.getMessage(), e);
            }
        });
    }

    private void keepOrReplace(Trigger wanted) throws SchedulerException {
        Trigger stored = scheduler.getTrigger(wanted.getKey());
        if (stored == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException e) {
                // Another node starting at the same moment stored it: the same trigger.
            }
            return;
        }
        boolean broken = scheduler.getTriggerState(wanted.getKey()) == Trigger.TriggerState.ERROR;
        if (!broken && sameSchedule(stored, wanted)) {
            return;
        }
        // Trigger times are Quartz's, which fires by the system clock (see FiringTimes).
        Date now = new Date();
        Date next = stored.getNextFireTime();
        Date from = next != null && next.before(now) ? next : now;
        log.info("Quartz trigger {}: {}; replaced, counting from {}", wanted.getKey(),
                broken ? "was in ERROR" : "schedule changed from " + describe(stored) + " to " + describe(wanted),
                Instant.ofEpochMilli(from.getTime()));
        scheduler.rescheduleJob(wanted.getKey(), wanted.getTriggerBuilder().startAt(from).build());
    }

    /** Whether the stored trigger fires as the configured one would: same job, schedule and misfire policy. */
    static boolean sameSchedule(Trigger stored, Trigger wanted) {
        if (!Objects.equals(stored.getJobKey(), wanted.getJobKey())
                || stored.getMisfireInstruction() != wanted.getMisfireInstruction()) {
            return false;
        }
        if (stored instanceof CronTrigger s && wanted instanceof CronTrigger w) {
            return s.getCronExpression().equals(w.getCronExpression()) && s.getTimeZone().getID().equals(w.getTimeZone().getID());
        }
        if (stored instanceof SimpleTrigger s && wanted instanceof SimpleTrigger w) {
            return s.getRepeatInterval() == w.getRepeatInterval() && s.getRepeatCount() == w.getRepeatCount();
        }
        return false;
    }

    private static String describe(Trigger trigger) {
        if (trigger instanceof CronTrigger cron) {
            return "'" + cron.getCronExpression() + "' in " + cron.getTimeZone().getID();
        }
        if (trigger instanceof SimpleTrigger simple) {
            return "every " + simple.getRepeatInterval() + " ms";
        }
        return trigger.getClass().getSimpleName();
    }
}
