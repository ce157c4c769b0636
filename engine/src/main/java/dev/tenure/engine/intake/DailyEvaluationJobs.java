package dev.tenure.engine.intake;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.calendar.CronSetting;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily evaluation's job and cron trigger (in the default time zone); Spring Boot registers them with
 * the scheduler at start. A firing missed while every node was down is made up once at start.
 */
@Configuration(proxyBeanMethods = false)
class DailyEvaluationJobs {

    private static final JobKey DAILY_EVALUATION = JobKey.jobKey("daily-evaluation", "tenure");

    @Bean
    JobDetail dailyEvaluationJob() {
        return JobBuilder.newJob(DailyEvaluationJob.class).withIdentity(DAILY_EVALUATION)
                .withDescription("Evaluates every account for rules about time").storeDurably().build();
    }

    @Bean
    Trigger dailyEvaluation(EngineProperties properties) {
        return TriggerBuilder.newTrigger().withIdentity("daily-evaluation", "tenure").forJob(DAILY_EVALUATION)
                .withSchedule(CronScheduleBuilder.cronSchedule(CronSetting.schedule("tenure.daily-evaluation",
                                properties.dailyEvaluation(), properties.defaultTimezone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
