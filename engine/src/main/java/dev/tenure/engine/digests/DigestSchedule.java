package dev.tenure.engine.digests;

import dev.tenure.engine.schedule.FiringTimes;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Sends the digests once more, outside the weekly cron (a fresh demo, an operator's request), through
 * the same job; CSMs who already had this week's digest get nothing.
 */
@Component
public class DigestSchedule {

    private static final TriggerKey ONCE = TriggerKey.triggerKey("weekly-digest-once", "tenure");

    private final Scheduler scheduler;
    private final Clock clock;

    public DigestSchedule(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Schedules one extra run at {@code at}, unless one is already waiting. */
    public void sendAt(Instant at) throws SchedulerException {
        if (scheduler.checkExists(ONCE)) {
            return;
        }
        try {
            scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(ONCE).forJob(DigestJobs.DIGESTS)
                    .startAt(FiringTimes.of(at, clock.instant()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
        } catch (ObjectAlreadyExistsException e) {
            // Another node scheduled it: that run covers this request.
        }
    }
}
