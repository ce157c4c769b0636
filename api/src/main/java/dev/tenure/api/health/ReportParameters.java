package dev.tenure.api.health;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.periods.ReportDays;
import java.time.LocalDate;

/**
 * Reads the health reports' query parameters: a period as {@code from}/{@code to} ISO dates ({@code to}
 * exclusive) or {@code month=YYYY-MM}, a date, a number of days. A bad one is a {@link BadParameterException}
 * naming the parameter.
 */
final class ReportParameters {

    private ReportParameters() {
    }

    /** A period [from, to). */
    record Period(LocalDate from, LocalDate to) {
    }

    static Period period(String from, String to, String month, LocalDate today, int defaultDays) {
        ReportDays days = ReportDays.read(from, to, month, today, defaultDays);
        return new Period(days.from(), days.to());
    }

    static LocalDate date(String name, String value, LocalDate fallback) {
        return ReportDays.day(name, value, fallback);
    }

    static Integer days(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days < min || days > max) {
                throw new BadParameterException(name, days + " is out of range: from " + min + " to " + max + " days");
            }
            return days;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "'" + value + "' is not a whole number of days");
        }
    }

    /** A segment name as accounts carry it, or null for all. */
    static String segment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return dev.tenure.engine.vocabulary.Segment.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("segment", "'" + value + "' is not a segment: use HIGH_TOUCH, LOW_TOUCH or TECH_TOUCH");
        }
    }

    static boolean csv(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        throw new BadParameterException("format", "'" + format + "' is not a format: use csv or json");
    }
}
