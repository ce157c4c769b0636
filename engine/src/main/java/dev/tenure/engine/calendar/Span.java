package dev.tenure.engine.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as play files and settings write it: whole days ({@code 14d}) counted on the calendar
 * of a time zone, or hours and minutes ({@code 4h}, {@code 30m}) of elapsed time.
 * <p>
 * Two days after 10:00 on Friday is 10:00 on Sunday on the wall clock where it is counted, also when the
 * clocks change in between: that weekend has 47 or 49 hours, not 48. A time the clock skips (02:30 on a
 * spring-forward night) moves forward by the gap; a time that happens twice keeps the offset it had.
 *
 * @param days whole calendar days (0 for a span of hours or minutes)
 * @param time elapsed time (zero for a span of days)
 */
public record Span(int days, Duration time) implements Comparable<Span> {

    public static final Span ZERO = new Span(0, Duration.ZERO);

    /** Generous for any play (ten years), and small enough that no arithmetic overflows. */
    public static final int MAX_DAYS = 3_660;

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*([dhm])");
    private static final long SECONDS_PER_DAY = 86_400;

    public Span {
        if (time == null) {
            time = Duration.ZERO;
        }
        if (days < 0 || time.isNegative()) {
            throw new IllegalArgumentException("a span is not negative: " + days + "d " + time);
        }
        if (days > 0 && !time.isZero()) {
            throw new IllegalArgumentException("a span is days or time, not both: " + days + "d " + time);
        }
        if (days > MAX_DAYS || time.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new IllegalArgumentException("a span is at most " + MAX_DAYS + " days");
        }
    }

    public static Span ofDays(int days) {
        return new Span(days, Duration.ZERO);
    }

    /** Hours or minutes of elapsed time (a whole number of days included: {@code 48h} stays 48 hours). */
    public static Span ofTime(Duration time) {
        return new Span(0, time);
    }

    /**
     * A setting bound as a {@link Duration} ({@code 7d} in YAML): whole days become calendar days, anything
     * else stays elapsed time.
     */
    public static Span of(Duration duration) {
        if (!duration.isNegative() && !duration.isZero() && duration.getSeconds() % SECONDS_PER_DAY == 0 && duration.getNano() == 0) {
            return ofDays(Math.toIntExact(duration.toDays()));
        }
        return ofTime(duration);
    }

    /** Reads {@code 0d}, {@code 14d}, {@code 4h}, {@code 30m}; throws with a message fit for the author. */
    public static Span parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it as 2d, 4h or 30m");
        }
        long n = Long.parseLong(m.group(1));
        long days = m.group(2).equals("d") ? n : -1;
        if (days > MAX_DAYS || m.group(2).equals("h") && n > MAX_DAYS * 24L || m.group(2).equals("m") && n > MAX_DAYS * 24L * 60) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + MAX_DAYS + " days");
        }
        return switch (m.group(2)) {
            case "h" -> ofTime(Duration.ofHours(n));
            case "m" -> ofTime(Duration.ofMinutes(n));
            default -> ofDays((int) days);
        };
    }

    /**
     * Reads a stored value: the short form, or an ISO-8601 duration ({@code PT72H}) as step definitions were
     * stored before spans had days, whose whole days are read as calendar days.
     */
    @JsonCreator
    public static Span json(String text) {
        if (text != null && text.trim().toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return of(Duration.parse(text.trim()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration", e);
            }
        }
        return parse(text);
    }

    public boolean isZero() {
        return days == 0 && time.isZero();
    }

    /** {@code from} plus this span: days on the calendar of {@code zone}, keeping the local time of day. */
    public Instant after(Instant from, ZoneId zone) {
        if (days == 0) {
            return from.plus(time);
        }
        return ZonedDateTime.ofInstant(from, zone).plusDays(days).toInstant();
    }

    /** {@code to} minus this span: days on the calendar of {@code zone}, keeping the local time of day. */
    public Instant before(Instant to, ZoneId zone) {
        if (days == 0) {
            return to.minus(time);
        }
        return ZonedDateTime.ofInstant(to, zone).minusDays(days).toInstant();
    }

    /**
     * This span before the start of {@code day} in {@code zone}: for days, the start of the day that many
     * days earlier (its first moment, also where midnight is skipped); for hours, that much elapsed time.
     */
    public Instant beforeStartOf(LocalDate day, ZoneId zone) {
        if (days == 0) {
            return day.atStartOfDay(zone).toInstant().minus(time);
        }
        return day.minusDays(days).atStartOfDay(zone).toInstant();
    }

    /** The local day this many days before {@code day}; a span of hours is rounded down to whole days. */
    public LocalDate before(LocalDate day) {
        return day.minusDays(wholeDays());
    }

    /** Whole days in this span: its days, or its time's whole 24-hour days. */
    public long wholeDays() {
        return days > 0 ? days : time.toDays();
    }

    /** Days counted as 24 hours: only for ordering spans and for sizes, never to place a moment. */
    public Duration nominal() {
        return days > 0 ? Duration.ofDays(days) : time;
    }

    @Override
    public int compareTo(Span other) {
        return nominal().compareTo(other.nominal());
    }

    /** As a play file writes it: {@code 14d}, {@code 4h}, {@code 90m}. */
    @JsonValue
    @Override
    public String toString() {
        if (days > 0 || time.isZero()) {
            return days + "d";
        }
        if (time.toMinutesPart() == 0 && time.toSecondsPart() == 0 && time.toNanosPart() == 0) {
            return time.toHours() + "h";
        }
        if (time.toSecondsPart() == 0 && time.toNanosPart() == 0) {
            return time.toMinutes() + "m";
        }
        return time.toString();
    }

    /** In words, for reasons and the timeline: {@code 30 days}, {@code 1 day}, {@code 4 hours}. */
    public String words() {
        if (days > 0 || time.isZero()) {
            return days + (days == 1 ? " day" : " days");
        }
        if (time.toMinutesPart() == 0 && time.toSecondsPart() == 0 && time.toNanosPart() == 0) {
            return time.toHours() + (time.toHours() == 1 ? " hour" : " hours");
        }
        return time.toMinutes() + (time.toMinutes() == 1 ? " minute" : " minutes");
    }
}
