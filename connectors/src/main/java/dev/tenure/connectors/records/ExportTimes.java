package dev.tenure.connectors.records;

import dev.tenure.engine.bounds.RecordBounds;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other time forms exports write, besides {@link UtcTimes}' one: a date ({@code 2026-11-01}, its start in UTC),
 * ISO-8601 with an offset ({@code 2026-11-01T10:00:00+01:00}, any case, as {@code OffsetDateTime} reads it), the same
 * with a space for the T or an offset without its colon ({@code 2026-11-01 10:00:00+0000}, as Salesforce and
 * spreadsheets write it) or of whole hours ({@code 2026-11-01 10:00:00+00}, as PostgreSQL and Redshift print it), and
 * seconds or milliseconds since 1970 (10 or 13 digits). A date and time without a zone is none of them: it is refused
 * rather than guessed.
 * <p>
 * Ten digits are seconds since 1970, whatever else they could be read as: an export keying hourly rows
 * {@code yyyyMMddHH} ({@code 2026110110}) reads as March 2034. Refusing such values would refuse about one real time
 * in a hundred from 2033 on, a failure that waits years to show; a time that far ahead is seen on the timeline at once.
 * Other all-digit values (8, 12, 14 digits) are no form here, and {@link #digitsProblem} says why, naming the forms
 * to write instead.
 */
final class ExportTimes {

    /**
     * A date, a time to the minute at least, then an optional fraction and zone; a space or a T between, and a space at
     * most before the zone (a line break there is a broken cell, not a time).
     */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?) ?([Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");

    private ExportTimes() {
    }

    /** How long before midnight UTC a day begins in the zone furthest ahead of UTC (Kiritimati, UTC+14). */
    static final Duration DAY_BEGUN_AHEAD = Duration.ofHours(14);

    /** Whether the text is a bare date ({@code 2026-12-09}), which {@link #parse} reads as midnight UTC. */
    static boolean isDate(String text) {
        String t = text == null ? "" : text.trim();
        return t.length() == 10 && t.charAt(4) == '-';
    }

    /** The instant, or null when the text is none of these forms (or an impossible date). */
    static Instant parse(String text) {
        String t = text.trim();
        try {
            if (isDate(t)) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (EPOCH.matcher(t).matches()) {
                long n = Long.parseLong(t);
                return t.length() == 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
            }
            Matcher m = DATE_TIME.matcher(t);
            if (!m.matches()) {
                return null;
            }
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
            String zone = m.group(3);
            if (zone == null) {
                return null;
            }
            // ZoneOffset takes +05, +0530, +05:30 and +05:30:00, and refuses a half-written +05:3000 or a +19:00 no clock has.
            return local.toInstant(zone.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Why text of digits only is no time {@link #parse} reads, or null when it is not all digits or is read. */
    static String digitsProblem(String text) {
        String t = text.trim();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9') || t.length() == 10 || t.length() == 13) {
            return null;
        }
        return "'" + RecordBounds.shown(t) + "' is all digits, but not seconds (10 digits) or milliseconds (13 digits)"
                + " since 1970; write a date as yyyy-MM-dd (2026-11-01) and a time as ISO-8601 with its zone"
                + " (2026-11-01T10:00:00Z)";
    }
}
