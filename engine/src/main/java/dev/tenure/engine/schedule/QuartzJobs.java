package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.TimeZone;

/** The engine's standing jobs and triggers; Spring Boot registers them with the scheduler at start. */
@Configuration(proxyBeanMethods = false)
class QuartzJobs {

    private static final JobKey DAILY_EVALUATION = JobKey.jobKey("daily-evaluation", "tenure");

    @Bean
    JobDetail dueStepsJob() {
        return JobBuilder.newJob(DueStepsJob.class).withIdentity(StepScheduler.DUE_STEPS)
                .withDescription("Runs the play steps that are due").storeDurably().build();
    }

    @Bean
    Trigger dueStepsSweep(EngineProperties properties) {
        return TriggerBuilder.newTrigger().withIdentity("due-steps-sweep", "tenure").forJob(StepScheduler.DUE_STEPS)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.sweepInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail dailyEvaluationJob() {
        return JobBuilder.newJob(DailyEvaluationJob.class).withIdentity(DAILY_EVALUATION)
                .withDescription("Evaluates every account for rules about time").storeDurably().build();
    }

    @Bean
    Trigger dailyEvaluation(EngineProperties properties) {
        return TriggerBuilder.newTrigger().withIdentity("daily-evaluation", "tenure").forJob(DAILY_EVALUATION)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.dailyEvaluation())
                        .inTimeZone(TimeZone.getTimeZone(properties.defaultTimezone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
