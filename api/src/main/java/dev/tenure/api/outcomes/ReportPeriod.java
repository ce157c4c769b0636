package dev.tenure.api.outcomes;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.engine.bounds.RecordBounds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The days a report is over, {@code from} included and {@code to} excluded, read from {@code from}/{@code to}
 * (ISO dates) or {@code month=YYYY-MM}. Without either: the last 365 days up to and including today.
 */
record ReportPeriod(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 365;

    static ReportPeriod of(String from, String to, String month, LocalDate today) {
        if (month != null && !month.isBlank()) {
            if (present(from) || present(to)) {
                throw new BadParameterException("month", "give either month or from/to, not both");
            }
            YearMonth m;
            try {
                m = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                throw new BadParameterException("month", "'" + month + "' is not a month; write it as 2026-10");
            }
            return new ReportPeriod(storable("month", m.atDay(1)), m.plusMonths(1).atDay(1));
        }
        LocalDate end = present(to) ? date("to", to) : today.plusDays(1);
        LocalDate start = present(from) ? date("from", from) : end.minusDays(DEFAULT_DAYS);
        if (!start.isBefore(end)) {
            throw new BadParameterException("from", "from (" + start + ") must be before to (" + end + "); to is excluded");
        }
        return new ReportPeriod(start, end);
    }

    Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant end(ZoneId zone) {
        return to.atStartOfDay(zone).toInstant();
    }

    /** For file names: {@code 2026-10-01-to-2026-11-01}. */
    String slug() {
        return from + "-to-" + to;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static LocalDate date(String parameter, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a date; write it as 2026-10-01");
        }
        return storable(parameter, day);
    }

    /** PostgreSQL refuses a timestamp some thousands of years back, so a day no record can hold is refused here. */
    private static LocalDate storable(String parameter, LocalDate day) {
        String problem = RecordBounds.dateProblem(day);
        if (problem != null) {
            throw new BadParameterException(parameter, problem);
        }
        return day;
    }
}
