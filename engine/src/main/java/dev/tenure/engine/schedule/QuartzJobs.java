package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The due-steps job and its sweep; Spring Boot registers them with the scheduler at start. */
@Configuration(proxyBeanMethods = false)
class QuartzJobs {

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
}
