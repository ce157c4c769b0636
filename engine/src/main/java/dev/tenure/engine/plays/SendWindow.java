package dev.tenure.engine.plays;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a step may go out, in the recipient's local time: within business hours (Monday–Friday, between
 * the configured start and end), on business days only (any hour), or at a local time of day. A step
 * that asks for none of these goes out as soon as its delay has passed.
 *
 * <p>Daylight saving: local times are turned into instants with {@link ZonedDateTime#of}, so a time that
 * does not exist on a spring-forward day (02:30 in Berlin on 2026-03-29) moves forward by the length of
 * the gap (03:30), and a time that happens twice on a fall-back day goes out at its first occurrence —
 * or at the second when the step only comes due between the two.
 *
 * @param businessHours only between the configured start and end, Monday–Friday
 * @param businessDays  only Monday–Friday
 * @param at            at this local time of day, or null for any time
 */
public record SendWindow(boolean businessHours, boolean businessDays, LocalTime at) {

    public static final SendWindow ANY_TIME = new SendWindow(false, false, null);

    /** A week always holds a business day; the margin covers a time skipped by a gap on every candidate day. */
    private static final int DAYS_TO_SEARCH = 14;

    public boolean anyTime() {
        return !businessHours && !businessDays && at == null;
    }

    /** The earliest instant at or after {@code notBefore} that falls in this window, in {@code zone}. */
    public Instant earliest(Instant notBefore, ZoneId zone, BusinessHours hours) {
        if (anyTime()) {
            return notBefore;
        }
        LocalDate day = notBefore.atZone(zone).toLocalDate();
        for (int i = 0; i < DAYS_TO_SEARCH; i++, day = day.plusDays(1)) {
            if ((businessHours || businessDays) && weekend(day)) {
                continue;
            }
            Instant found = earliestOn(day, notBefore, zone, hours);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException("no send window within " + DAYS_TO_SEARCH + " days of " + notBefore + " in " + zone);
    }

    /** The earliest instant on this local day at or after {@code notBefore}, or null when the day has none. */
    private Instant earliestOn(LocalDate day, Instant notBefore, ZoneId zone, BusinessHours hours) {
        if (at != null) {
            ZonedDateTime first = ZonedDateTime.of(day, at, zone);
            if (!first.toInstant().isBefore(notBefore)) {
                return first.toInstant();
            }
            // On a fall-back day the same local time happens again an hour later.
            Instant second = first.withLaterOffsetAtOverlap().toInstant();
            return second.isBefore(notBefore) ? null : second;
        }
        if (businessHours) {
            Instant opens = ZonedDateTime.of(day, hours.start(), zone).toInstant();
            Instant closes = ZonedDateTime.of(day, hours.end(), zone).toInstant();
            if (!notBefore.isBefore(closes)) {
                return null;
            }
            return notBefore.isBefore(opens) ? opens : notBefore;
        }
        // Business days, any hour: the day itself, from its first moment (atStartOfDay skips a midnight gap).
        Instant starts = day.atStartOfDay(zone).toInstant();
        return notBefore.isBefore(starts) ? starts : notBefore;
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The local hours a business-hours step may go out: from {@code start} (inclusive) to {@code end} (exclusive). */
    public record BusinessHours(LocalTime start, LocalTime end) {

        public BusinessHours {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("business hours must start before they end: " + start + "–" + end);
            }
        }
    }
}
