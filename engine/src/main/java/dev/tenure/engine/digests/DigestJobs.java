package dev.tenure.engine.digests;

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

/** The weekly digest's job and cron trigger; a firing missed while every node was down is made up once. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DigestProperties.class)
class DigestJobs {

    static final JobKey DIGESTS = JobKey.jobKey("weekly-digest", "tenure");

    @Bean
    JobDetail digestJob() {
        return JobBuilder.newJob(DigestJob.class).withIdentity(DIGESTS)
                .withDescription("Sends each CSM the weekly digest of open tasks").storeDurably().build();
    }

    @Bean
    Trigger digestTrigger(DigestProperties digest, EngineProperties engine) {
        return TriggerBuilder.newTrigger().withIdentity("weekly-digest", "tenure").forJob(DIGESTS)
                .withSchedule(CronScheduleBuilder.cronSchedule(
                                CronSetting.schedule("tenure.digest.cron", digest.cron(), engine.defaultTimezone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
