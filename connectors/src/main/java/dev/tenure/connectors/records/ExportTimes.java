package dev.tenure.connectors.records;

import dev.tenure.engine.intake.RecordBounds;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
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
 * Ten digits that are also an hour written {@code yyyyMMddHH} of a year a signal can have ({@code 2026110110}, as some
 * exports key hourly rows) are refused too: as seconds they are a time between 2033-05-18 and 2036-07-08 that no
 * export of today means, and read so, a whole file would land years ahead. Seconds of now (2026: {@code 1793354400})
 * are below that range, so none is refused; from 2033-05-18 to 2036-07-08, about one second in a hundred is also such
 * an hour, and a source sending seconds then should send milliseconds or ISO-8601. Other all-digit values (8, 12,
 * 14 digits) are no form here either, and {@link #digitsProblem} says why, naming the forms to write instead.
 */
final class ExportTimes {

    /**
     * A date, a time to the minute at least, then an optional fraction and zone; a space or a T between, and a space at
     * most before the zone (a line break there is a broken cell, not a time).
     */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?) ?([Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");
    private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");
    /** The years a signal can have ({@link RecordBounds}): an hour {@code yyyyMMddHH} of another is no time anyway. */
    private static final int FIRST_YEAR = RecordBounds.EARLIEST.atZone(ZoneOffset.UTC).getYear();
    private static final int END_YEAR = RecordBounds.LATEST.atZone(ZoneOffset.UTC).getYear();

    private ExportTimes() {
    }

    /** The instant, or null when the text is none of these forms (or an impossible date). */
    static Instant parse(String text) {
        String t = text.trim();
        try {
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (EPOCH.matcher(t).matches()) {
                long n = Long.parseLong(t);
                if (t.length() == 10) {
                    return hour(t) == null ? Instant.ofEpochSecond(n) : null;
                }
                return Instant.ofEpochMilli(n);
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

    /**
     * Why text of digits only is no time {@link #parse} reads, or null when it is not all digits or is read: ten
     * digits that are also an hour {@code yyyyMMddHH}, and any count of digits but 10 and 13.
     */
    static String digitsProblem(String text) {
        String t = text.trim();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        LocalDateTime hour = t.length() == 10 ? hour(t) : null;
        if (hour != null) {
            return "'" + t + "' is " + Instant.ofEpochSecond(Long.parseLong(t)) + " as seconds since 1970, but reads as"
                    + " yyyyMMddHH too (" + hour + ", with no zone): refused rather than guessed; write it as ISO-8601 with"
                    + " its zone (" + hour.toInstant(ZoneOffset.UTC) + "), or as milliseconds since 1970";
        }
        if (t.length() == 10 || t.length() == 13) {
            return null;
        }
        return "'" + RecordBounds.shown(t) + "' is all digits, but not seconds (10 digits) or milliseconds (13 digits)"
                + " since 1970; write a date as yyyy-MM-dd (2026-11-01) and a time as ISO-8601 with its zone"
                + " (2026-11-01T10:00:00Z)";
    }

    /** The hour ten digits name as {@code yyyyMMddHH}, in a year a signal can have, or null when they name none. */
    private static LocalDateTime hour(String tenDigits) {
        int year = Integer.parseInt(tenDigits.substring(0, 4));
        int month = Integer.parseInt(tenDigits.substring(4, 6));
        int day = Integer.parseInt(tenDigits.substring(6, 8));
        int hour = Integer.parseInt(tenDigits.substring(8, 10));
        if (year < FIRST_YEAR || year >= END_YEAR || month < 1 || month > 12 || hour > 23
                || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, 0);
    }
}
