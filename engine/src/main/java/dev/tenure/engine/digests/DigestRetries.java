package dev.tenure.engine.digests;

import dev.tenure.engine.schedule.FiringTimes;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
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
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Wakes the digest retries ({@link Digests#retryDue}) by the time the first digest waiting for another
 * attempt is due. One trigger for all of them, moved earlier when a digest needs it earlier; each run
 * wakes the next. A run that finds nothing due does nothing, so a wake-up too many costs one query.
 */
@Component
public class DigestRetries {

    static final JobKey RETRIES = JobKey.jobKey("digest-retries", "tenure");
    private static final TriggerKey NEXT = TriggerKey.triggerKey("digest-retries-next", "tenure");
    private static final Logger log = LoggerFactory.getLogger(DigestRetries.class);

    private final Scheduler scheduler;
    private final Clock clock;

    DigestRetries(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Static: the scheduler this class needs is made from the job details, this one included. */
    @Bean
    static JobDetail digestRetriesJob() {
        return JobBuilder.newJob(RetryJob.class).withIdentity(RETRIES)
                .withDescription("Sends again the weekly digests that failed for a while or were lost with their node")
                .storeDurably().build();
    }

    /** Makes sure the retries run at {@code at} or earlier. A scheduler that refuses is logged: the next run tries again. */
    void wakeBy(Instant at) {
        Date when = FiringTimes.of(at, clock.instant());
        Trigger next = TriggerBuilder.newTrigger().withIdentity(NEXT).forJob(RETRIES).startAt(when)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        try {
            Trigger waiting = scheduler.getTrigger(NEXT);
            if (waiting == null) {
                scheduler.scheduleJob(next);
            } else if (waiting.getNextFireTime() == null || waiting.getNextFireTime().after(when)) {
                // Also from inside the retry job itself: Quartz keeps a trigger rescheduled while it fired.
                scheduler.rescheduleJob(NEXT, next);
            }
        } catch (ObjectAlreadyExistsException e) {
            // Another node scheduled it a moment ago for the same digests' time.
        } catch (SchedulerException e) {
            log.warn("Could not wake the digest retries for {}: {}", at, e.getMessage());
        }
    }

    /** Runs the retries that are due; one at a time across the cluster. */
    @DisallowConcurrentExecution
    static class RetryJob implements Job {

        private final Digests digests;

        RetryJob(Digests digests) {
            this.digests = digests;
        }

        @Override
        public void execute(JobExecutionContext context) {
            digests.retryDue();
        }
    }
}
