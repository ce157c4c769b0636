package dev.tenure.api.metrics;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.periods.ReportDays;
import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.ReportPeriod;

import java.time.LocalDate;
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
        if (ReportDays.noneGiven(from, to, month)) {
            return ReportPeriod.twelveMonthsTo(today);
        }
        ReportDays days = ReportDays.read(from, to, month, null, null);
        try {
            return new ReportPeriod(days.from(), days.to());
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
