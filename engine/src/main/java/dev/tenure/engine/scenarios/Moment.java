package dev.tenure.engine.scenarios;

import dev.tenure.engine.bounds.RecordBounds;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time as a scenario writes it: {@code now}, relative to the scenario's now ({@code -20d}, {@code +3d},
 * {@code -4h}, {@code -30m}), a date ({@code 2026-03-01}, midnight UTC) or an instant with a zone
 * ({@code 2026-03-01T10:00:00Z}). Relative times make a scenario mean the same thing on any day.
 */
public record Moment(Duration offset, Instant absolute) {

    /**
     * How far from now a relative time may reach: the span of times the intake takes a signal at (2000 to 2100).
     * Further is no account's history, and {@code -99999999999d} was date arithmetic that failed without a line.
     */
    static final Duration FARTHEST = Duration.between(RecordBounds.EARLIEST, RecordBounds.LATEST);
    /** Digits are read whatever their number, so the bound is told rather than "not a time". */
    private static final Pattern RELATIVE = Pattern.compile("([+-])\\s*(\\d+)\\s*([dhm])");
    /** More digits than this are beyond {@link #FARTHEST} even in minutes: they are not read (19 would not fit a long). */
    private static final int DIGITS = 12;

    static final Moment NOW = new Moment(Duration.ZERO, null);

    /** Reads a time as written; throws with a message fit for the author when it is none. */
    static Moment parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return NOW;
        }
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            Duration offset = null;
            if (m.group(2).length() <= DIGITS) {
                long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                offset = switch (m.group(3)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            }
            if (offset == null || offset.abs().compareTo(FARTHEST) > 0) {
                throw new IllegalArgumentException("'" + RecordBounds.shown(text) + "' is more than " + FARTHEST.toDays()
                        + " days from now (times lie between " + RecordBounds.EARLIEST + " and " + RecordBounds.LATEST + ")");
            }
            return new Moment(offset, null);
        }
        try {
            return new Moment(null, instant(t));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + RecordBounds.shown(text) + "' is not a time; write now, -20d, +3d, -4h, "
                    + "2026-03-01 or 2026-03-01T10:00:00Z");
        }
    }

    /** An absolute time (a date is midnight UTC); relative times need a now, so they are refused here. */
    static Instant instant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    Instant at(Instant now) {
        return absolute != null ? absolute : now.plus(offset);
    }

    /** The UTC day of this moment: account dates such as startedOn and renewalOn. */
    LocalDate day(Instant now) {
        return LocalDate.ofInstant(at(now), ZoneOffset.UTC);
    }
}
