package dev.tenure.engine.calendar;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.Date;

/**
 * The one place where a cron setting ({@code tenure.daily-evaluation}, {@code tenure.cadences.cron},
 * {@code tenure.digest.cron}) becomes a Quartz {@link CronExpression} in its zone, so that every schedule and every
 * replay of one (backtests', backfills' daily times) reads it alike and a setting Quartz cannot follow is refused
 * naming the setting, not with Quartz's own message once the scheduler is being set up.
 */
public final class CronSetting {

    private CronSetting() {
    }

    /**
     * {@code cron} read in {@code zone}, whether or not it fires again: a replay of a past period may still use it.
     *
     * @throws IllegalArgumentException naming {@code setting} when it is empty or no cron expression, or when no cron
     *                                  schedule can follow the zone
     */
    public static CronExpression expression(String setting, String cron, ZoneId zone) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty: give a cron expression (0 0 6 * * ?)");
        }
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException(setting + ": '" + cron + "' is not a cron expression: " + e.getMessage(), e);
        }
        try {
            expression.setTimeZone(CronZone.of(zone));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
        return expression;
    }

    /**
     * {@code cron} read in {@code zone}, for a standing trigger: it must fire again, or Quartz refuses the trigger at
     * start ("will never fire") and the application does not start.
     *
     * @throws IllegalArgumentException naming {@code setting} as {@link #expression}, and when it never fires again
     */
    public static CronExpression schedule(String setting, String cron, ZoneId zone) {
        CronExpression expression = expression(setting, cron, zone);
        // Quartz fires by the system clock, not the engine's (see schedule.FiringTimes): "again" is by the system's.
        Date now = new Date();
        if (expression.getNextValidTimeAfter(now) == null) {
            throw new IllegalArgumentException(setting + ": '" + cron + "' never fires after " + now.toInstant() + " in "
                    + zone + " (a year that has passed?): give a schedule that goes on firing (0 0 6 * * ?)");
        }
        return expression;
    }
}
