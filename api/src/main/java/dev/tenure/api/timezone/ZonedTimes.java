package dev.tenure.api.timezone;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Times as one person reads them: in their zone, as of one "now" (from the injected clock). Days are
 * calendar days in that zone, so a task due yesterday evening is "overdue by 1 day" this morning.
 */
public record ZonedTimes(ZoneId zone, Instant now) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** The hour a preset moves a task to: the start of a working day. */
    public static final int MORNING = 9;

    /**
     * A due time as people read it: the day, and the time with its zone only when the time means something.
     * A time to the second came from the moment a play step ran (its due date is that moment plus days), so
     * only the day is shown; times people and presets choose are whole minutes and are shown.
     */
    public String due(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime local = instant.atZone(zone);
        return meaningfulTime(instant) ? DAY.format(local) + ", " + TIME.format(local) + " " + abbreviation(local) : DAY.format(local);
    }

    /** A moment with its day, time and zone: "Thu 10 Dec 2026, 09:00 CET". */
    public String show(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime local = instant.atZone(zone);
        return DAY.format(local) + ", " + TIME.format(local) + " " + abbreviation(local);
    }

    /** "overdue by 3 days", in calendar days of this zone; "overdue since 09:00" for a task due earlier today. */
    public String overdueBy(Instant due) {
        long days = ChronoUnit.DAYS.between(day(due), day(now));
        if (days <= 0) {
            return "overdue since " + TIME.format(due.atZone(zone));
        }
        return "overdue by " + days + (days == 1 ? " day" : " days");
    }

    /** Whole calendar days a task is overdue in this zone (0 when due earlier today). */
    public long daysOverdue(Instant due) {
        return Math.max(0, ChronoUnit.DAYS.between(day(due), day(now)));
    }

    /** Tomorrow at 9:00 in this zone. */
    public Instant tomorrowMorning() {
        return morningOf(day(now).plusDays(1));
    }

    /** The next Monday (never today) at 9:00 in this zone. */
    public Instant nextMondayMorning() {
        return morningOf(day(now).with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
    }

    /** A week from today at 9:00 in this zone. */
    public Instant inAWeekMorning() {
        return morningOf(day(now).plusWeeks(1));
    }

    /** A form's {@code datetime-local} ("2026-12-01T09:00") or {@code date} ("2026-12-01", 9:00) field, read in this zone. */
    public Instant read(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": a date is needed");
        }
        try {
            if (text.strip().length() == 10) {
                return morningOf(LocalDate.parse(text.strip()));
            }
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a date (2026-12-01) or a date and time (2026-12-01T09:00)");
        }
    }

    /** For a {@code datetime-local} field's value or minimum. */
    public String field(Instant instant) {
        return FIELD.format(instant.atZone(zone));
    }

    /** The zone's name and its abbreviation now: "Europe/Berlin (CET)". */
    public String zoneName() {
        String abbreviation = abbreviation(now.atZone(zone));
        return abbreviation.equals(zone.getId()) ? zone.getId() : zone.getId() + " (" + abbreviation + ")";
    }

    private Instant morningOf(LocalDate day) {
        return day.atTime(MORNING, 0).atZone(zone).toInstant();
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static boolean meaningfulTime(Instant instant) {
        return instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0;
    }

    private static String abbreviation(ZonedDateTime local) {
        return ABBREVIATION.format(local);
    }
}
