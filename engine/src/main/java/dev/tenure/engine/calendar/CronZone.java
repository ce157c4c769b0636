package dev.tenure.engine.calendar;

import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The {@link TimeZone} a cron schedule (Quartz) reads its hours in, for a {@link ZoneId}: the one place where a zone of
 * the settings becomes one, so the live triggers and the backtests' and backfills' daily times fire at the same local
 * hour as every other date in that zone is counted.
 */
public final class CronZone {

    private CronZone() {
    }

    /**
     * {@code zone} as a {@code TimeZone} with the same offsets. {@code TimeZone.getTimeZone(ZoneId)} knows region ids
     * and {@code GMT+05:45}, but answers GMT, silently, for an offset written from UTC ({@code UTC+05:45},
     * {@code UT+14}), which {@code ZoneId} reads as that offset: a daily evaluation set for 06:00 there would run at
     * 06:00 UTC. Such a zone is taken as its fixed offset.
     *
     * @throws IllegalArgumentException when no {@code TimeZone} has the zone's offsets
     */
    public static TimeZone of(ZoneId zone) {
        TimeZone named = TimeZone.getTimeZone(zone);
        if (named.toZoneId().getRules().equals(zone.getRules())) {
            return named;
        }
        TimeZone offset = TimeZone.getTimeZone(zone.normalized());
        if (!offset.toZoneId().getRules().equals(zone.getRules())) {
            throw new IllegalArgumentException("the time zone " + zone + " has no equivalent a cron schedule can use: "
                    + "write it as a region (Asia/Kathmandu) or an offset (+05:45)");
        }
        return offset;
    }
}
