package dev.tenure.engine;

import dev.tenure.engine.calendar.CronSetting;
import dev.tenure.engine.calendar.CronZone;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The engine's settings ({@code tenure.*}).
 *
 * @param rulesFolder     where the rule set (DRL, plays, templates) is read from
 * @param defaultTimezone used where neither the contact nor the account names one
 * @param mailFrom        the sender of every email
 * @param sweepInterval   how often the scheduler looks for due steps it was not woken for
 * @param dailyEvaluation cron expression (in the default time zone) for re-evaluating every account
 * @param stepBatchSize   how many due steps one drain takes at a time
 * @param publicUrl       where people reach this installation over HTTP: the base of every link in an email
 *                        (unsubscribe links, the digest's links to the inbox); checked by {@link PublicUrl}
 * @param stepWorkers     how many drains run side by side on this node, each with its own batch
 */
@ConfigurationProperties("tenure")
public record EngineProperties(@DefaultValue("rules") String rulesFolder,
                               @DefaultValue("UTC") ZoneId defaultTimezone,
                               @DefaultValue("Tenure <cs@tenure.example>") String mailFrom,
                               @DefaultValue("30s") Duration sweepInterval,
                               @DefaultValue("0 0 6 * * ?") String dailyEvaluation,
                               @DefaultValue("100") int stepBatchSize,
                               @DefaultValue("http://localhost:8080") String publicUrl,
                               @DefaultValue("2") int stepWorkers) {

    public EngineProperties {
        if (stepBatchSize < 1) {
            throw new IllegalArgumentException("tenure.step-batch-size must be at least 1, was " + stepBatchSize);
        }
        if (stepWorkers < 1) {
            throw new IllegalArgumentException("tenure.step-workers must be at least 1, was " + stepWorkers);
        }
        publicUrl = new PublicUrl(publicUrl).base();
        if (defaultTimezone == null) {
            throw new IllegalArgumentException("tenure.default-timezone is empty: give a region (Europe/Paris) or UTC");
        }
        try {
            CronZone.of(defaultTimezone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tenure.default-timezone: " + e.getMessage(), e);
        }
        CronSetting.schedule("tenure.daily-evaluation", dailyEvaluation, defaultTimezone);
    }

    /** Every link in an email is made here. */
    public PublicUrl links() {
        return new PublicUrl(publicUrl);
    }

    /** A plain path on disk; a web context would otherwise read the setting as a servlet resource. */
    public Path rulesPath() {
        return Path.of(rulesFolder);
    }
}
