package dev.tenure.engine.backtest;

import dev.tenure.engine.calendar.CronSetting;
import org.quartz.CronExpression;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** When the live daily evaluation would have run in a period: the same cron expression, in the same zone. */
public final class DailyTimes {

    /** A schedule firing more often than this in one backtest is not a daily evaluation. */
    private static final int MAX_TIMES = 100_000;

    private DailyTimes() {
    }

    /** The times in [from, to) at which {@code cron} fires in {@code zone}. */
    public static List<Instant> between(String cron, ZoneId zone, Instant from, Instant to) {
        CronExpression expression = CronSetting.expression("tenure.daily-evaluation", cron, zone);
        List<Instant> times = new ArrayList<>();
        Date next = expression.getNextValidTimeAfter(Date.from(from.minusMillis(1)));
        while (next != null && next.toInstant().isBefore(to)) {
            if (times.size() == MAX_TIMES) {
                throw new IllegalArgumentException("tenure.daily-evaluation: '" + cron + "' fires more than "
                        + MAX_TIMES + " times between " + from + " and " + to);
            }
            times.add(next.toInstant());
            next = expression.getNextValidTimeAfter(next);
        }
        return times;
    }
}
