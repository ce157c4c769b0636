package dev.tenure.engine.cadences;

import dev.tenure.engine.calendar.CronSetting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * When cadences are looked at ({@code tenure.cadences.*}).
 *
 * @param cron      cron expression (in {@code tenure.default-timezone}) of the one trigger that drives every cadence
 * @param horizon   an occurrence is written once its earliest step is due within this time
 * @param batchSize accounts planned and written per transaction
 */
@ConfigurationProperties("tenure.cadences")
public record CadenceProperties(@DefaultValue("0 0 * * * ?") String cron,
                                @DefaultValue("1d") Duration horizon,
                                @DefaultValue("2000") int batchSize) {

    public CadenceProperties {
        // Its zone is tenure.default-timezone, another record's: whether it fires again is checked with its trigger.
        CronSetting.expression("tenure.cadences.cron", cron, ZoneOffset.UTC);
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("tenure.cadences.horizon must be positive, was " + horizon);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("tenure.cadences.batch-size must be at least 1, was " + batchSize);
        }
    }
}
