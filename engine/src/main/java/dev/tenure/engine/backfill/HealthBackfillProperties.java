package dev.tenure.engine.backfill;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Health backfill settings ({@code tenure.health.backfill.*}).
 *
 * @param afterImport whether a file whose stored signals reach back further than {@code olderThan} starts
 *                    a backfill from that signal's day to today
 * @param olderThan   how old a signal of a file must be to count as history (yesterday's daily export is
 *                    not); at least a day
 * @param maxDays     the longest backfill one request may ask for
 */
@Validated
@ConfigurationProperties("tenure.health.backfill")
public record HealthBackfillProperties(@DefaultValue("true") boolean afterImport,
                                       @DefaultValue("2d") Duration olderThan,
                                       @DefaultValue("3660") int maxDays) {

    public HealthBackfillProperties {
        if (olderThan.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("tenure.health.backfill.older-than must be at least 1d, was " + olderThan);
        }
        if (maxDays < 1) {
            throw new IllegalArgumentException("tenure.health.backfill.max-days must be at least 1, was " + maxDays);
        }
    }
}
