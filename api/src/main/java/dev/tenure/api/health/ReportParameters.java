package dev.tenure.api.health;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.engine.bounds.RecordBounds;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

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
        if (month != null && !month.isBlank()) {
            if ((from != null && !from.isBlank()) || (to != null && !to.isBlank())) {
                throw new BadParameterException("month", "give either month or from and to, not both");
            }
            YearMonth m;
            try {
                m = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                throw new BadParameterException("month", "'" + month + "' is not a month: use YYYY-MM, e.g. 2026-03");
            }
            return new Period(storable("month", m.atDay(1)), m.plusMonths(1).atDay(1));
        }
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(defaultDays));
        if (!end.isAfter(start)) {
            throw new BadParameterException("to", "to (" + end + ") must be after from (" + start + "); to is exclusive");
        }
        return new Period(start, end);
    }

    static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "'" + value + "' is not a date: use an ISO date, e.g. 2026-03-01");
        }
        return storable(name, day);
    }

    /** PostgreSQL refuses a timestamp some thousands of years back, so a day no record can hold is refused here. */
    private static LocalDate storable(String name, LocalDate day) {
        String problem = RecordBounds.dateProblem(day);
        if (problem != null) {
            throw new BadParameterException(name, problem);
        }
        return day;
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
