package dev.tenure.engine.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a figure is about: from {@code from} (inclusive) to {@code to} (exclusive), in UTC. A month
 * of it is the calendar month cut to the period, so a period that starts on the 15th has a first "month"
 * of half a month.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** Long enough for any report people ask for, short enough that a typo in a year is caught. */
    static final int MAX_YEARS = 20;

    public ReportPeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a period needs both from and to");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period's from (" + from + ") must be before its to (" + to + "; exclusive)");
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw new IllegalArgumentException("the period " + from + " to " + to + " is longer than " + MAX_YEARS + " years");
        }
    }

    public static ReportPeriod of(YearMonth month) {
        return new ReportPeriod(month.atDay(1), month.plusMonths(1).atDay(1));
    }

    /** The twelve months up to and including the month of {@code today}. */
    public static ReportPeriod twelveMonthsTo(LocalDate today) {
        YearMonth now = YearMonth.from(today);
        return new ReportPeriod(now.minusMonths(11).atDay(1), now.plusMonths(1).atDay(1));
    }

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    /** The calendar months the period touches, each cut to the period, oldest first. */
    public List<ReportPeriod> months() {
        List<ReportPeriod> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); m.atDay(1).isBefore(to); m = m.plusMonths(1)) {
            LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
            LocalDate end = m.plusMonths(1).atDay(1).isAfter(to) ? to : m.plusMonths(1).atDay(1);
            months.add(new ReportPeriod(start, end));
        }
        return months;
    }

    /** The twelve months that end where this period ends. */
    public ReportPeriod trailingTwelveMonths() {
        return new ReportPeriod(to.minusMonths(12), to);
    }

    /** {@code 2026-03} for a whole calendar month, else {@code 2026-03-15..2026-04-01}. */
    public String label() {
        YearMonth month = YearMonth.from(from);
        return from.equals(month.atDay(1)) && to.equals(month.plusMonths(1).atDay(1)) ? month.toString()
                : from + ".." + to;
    }
}
