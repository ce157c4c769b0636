package dev.tenure.api.periods;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.engine.bounds.RecordBounds;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The days a report is over, {@code from} included and {@code to} excluded, as every report reads them: {@code
 * month=YYYY-MM}, or {@code from} and {@code to} as ISO dates. Each report says what a bound left out means. A bad
 * parameter is a {@link BadParameterException} naming it, and so is a day no record can hold (PostgreSQL refuses a
 * timestamp some thousands of years back, which would answer 500 far from here).
 */
public record ReportDays(LocalDate from, LocalDate to) {

    /**
     * @param defaultTo   the end when {@code to} is left out; null when it must be given
     * @param defaultDays the length when {@code from} is left out (counted back from the end); null when it must be given
     */
    public static ReportDays read(String from, String to, String month, LocalDate defaultTo, Integer defaultDays) {
        if (present(month)) {
            if (present(from) || present(to)) {
                throw new BadParameterException("month", "give either month or from and to, not both");
            }
            YearMonth m = month(month);
            return new ReportDays(m.atDay(1), m.plusMonths(1).atDay(1));
        }
        if (!present(from) && defaultDays == null) {
            throw new BadParameterException("from", "missing: give from and to (ISO dates, to excluded), or month");
        }
        if (!present(to) && defaultTo == null) {
            throw new BadParameterException("to", "missing: give to with from (ISO dates, to excluded), or month");
        }
        LocalDate given = present(from) ? day("from", from) : null;
        LocalDate end = present(to) ? day("to", to) : defaultTo;
        LocalDate start = given != null ? given : end.minusDays(defaultDays);
        if (!start.isBefore(end)) {
            throw new BadParameterException("to", "'" + end + "' is not after from (" + start + "); to is excluded");
        }
        return new ReportDays(start, end);
    }

    /** One day given as a parameter, or {@code fallback} when it is left out. */
    public static LocalDate day(String parameter, String value, LocalDate fallback) {
        return present(value) ? day(parameter, value) : fallback;
    }

    /** True when none of the period's parameters is given. */
    public static boolean noneGiven(String from, String to, String month) {
        return !present(from) && !present(to) && !present(month);
    }

    private static LocalDate day(String parameter, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a date: write it as an ISO date, e.g. 2026-03-01");
        }
        // to is excluded: its period's last day is the day before, so 2200-01-01 ends the last storable year.
        LocalDate last = parameter.equals("to") ? day.minusDays(1) : day;
        if (RecordBounds.dateProblem(last) != null) {
            String problem = RecordBounds.dateProblem(day);
            throw new BadParameterException(parameter, problem != null ? problem : RecordBounds.dateProblem(last));
        }
        return day;
    }

    private static YearMonth month(String value) {
        YearMonth month;
        try {
            month = YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException("month", "'" + value + "' is not a month: write it as YYYY-MM, e.g. 2026-03");
        }
        storable("month", month.atDay(1));
        return month;
    }

    private static LocalDate storable(String parameter, LocalDate day) {
        String problem = RecordBounds.dateProblem(day);
        if (problem != null) {
            throw new BadParameterException(parameter, problem);
        }
        return day;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
