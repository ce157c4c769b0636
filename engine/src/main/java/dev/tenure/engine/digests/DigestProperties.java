package dev.tenure.engine.digests;

import dev.tenure.engine.calendar.CronSetting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneOffset;

/**
 * The weekly digest ({@code tenure.digest.*}). Its links go to the inbox page at {@code tenure.public-url}.
 *
 * @param cron     cron expression (in {@code tenure.default-timezone}) of when digests go out
 * @param inboxUrl no longer read (the digest linked to the API's tasks with it); kept so that a configuration
 *                 that still sets it is told so at start instead of silently linking elsewhere
 */
@ConfigurationProperties("tenure.digest")
public record DigestProperties(@DefaultValue("0 0 8 ? * MON") String cron,
                               String inboxUrl) {

    public DigestProperties {
        // Its zone is tenure.default-timezone, another record's: whether it fires again is checked with its trigger.
        CronSetting.expression("tenure.digest.cron", cron, ZoneOffset.UTC);
    }
}
