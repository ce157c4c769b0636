package dev.tenure.api.metrics;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.ReportPeriod;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a metrics request asks for: a period ({@code from}/{@code to} ISO dates, {@code to} exclusive, or
 * {@code month=YYYY-MM}; without either, the twelve months up to this one), rows by {@code groupBy}
 * ({@code month}, the default, {@code segment} or {@code csm}) and the answer's {@code format}
 * ({@code json}, the default, or {@code csv}).
 */
record MetricsQuery(ReportPeriod period, GroupBy groupBy, boolean csv) {

    static MetricsQuery read(String from, String to, String month, String groupBy, String format, LocalDate today) {
        return new MetricsQuery(period(from, to, month, today), groupBy(groupBy), csv(format));
    }

    static ReportPeriod period(String from, String to, String month, LocalDate today) {
        if (blank(month) && blank(from) && blank(to)) {
            return ReportPeriod.twelveMonthsTo(today);
        }
        if (!blank(month)) {
            if (!blank(from) || !blank(to)) {
                throw new BadParameterException("month", "give either month or from and to, not both");
            }
            YearMonth m;
            try {
                m = YearMonth.parse(month.trim());
            } catch (DateTimeParseException e) {
                throw new BadParameterException("month", "'" + month + "' is not a month (YYYY-MM, like 2026-03)");
            }
            storable("month", m.atDay(1));
            return ReportPeriod.of(m);
        }
        if (blank(from)) {
            throw new BadParameterException("from", "missing: give from with to (ISO dates, to exclusive), or month");
        }
        if (blank(to)) {
            throw new BadParameterException("to", "missing: give to with from (ISO dates, to exclusive), or month");
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (!start.isBefore(end)) {
            throw new BadParameterException("to", "'" + to + "' is not after from (" + from + "); to is exclusive");
        }
        try {
            return new ReportPeriod(start, end);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("to", e.getMessage());
        }
    }

    static GroupBy groupBy(String name) {
        if (blank(name)) {
            return GroupBy.MONTH;
        }
        return GroupBy.named(name).orElseThrow(() -> new BadParameterException("groupBy", "'" + name + "' is not one of "
                + Arrays.stream(GroupBy.values()).map(GroupBy::label).collect(Collectors.joining(", "))));
    }

    private static boolean csv(String format) {
        if (blank(format) || format.trim().equalsIgnoreCase("json")) {
            return false;
        }
        if (format.trim().equalsIgnoreCase("csv")) {
            return true;
        }
        throw new BadParameterException("format", "'" + format + "' is not one of json, csv");
    }

    private static LocalDate date(String parameter, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, "'" + value + "' is not a date (ISO, like 2026-03-01)");
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
