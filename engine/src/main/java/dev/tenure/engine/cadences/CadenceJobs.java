package dev.tenure.engine.cadences;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.calendar.CronSetting;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One cron trigger for all cadences, whatever the number of accounts: the occurrences are rows, not
 * triggers. A firing missed while every node was down is made up once at start (fire and proceed);
 * the unique occurrence key makes the catch-up harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CadenceProperties.class)
class CadenceJobs {

    static final JobKey CADENCES = JobKey.jobKey("cadences", "tenure");

    @Bean
    JobDetail cadenceJob() {
        return JobBuilder.newJob(CadenceJob.class).withIdentity(CADENCES)
                .withDescription("Schedules the coming occurrences of every cadence").storeDurably().build();
    }

    @Bean
    Trigger cadenceTrigger(CadenceProperties cadences, EngineProperties engine) {
        return TriggerBuilder.newTrigger().withIdentity("cadences", "tenure").forJob(CADENCES)
                .withSchedule(CronScheduleBuilder.cronSchedule(
                                CronSetting.schedule("tenure.cadences.cron", cadences.cron(), engine.defaultTimezone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
