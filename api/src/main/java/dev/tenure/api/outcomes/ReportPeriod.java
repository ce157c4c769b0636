package dev.tenure.api.outcomes;

import dev.tenure.api.periods.ReportDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days a report is over, {@code from} included and {@code to} excluded, read from {@code from}/{@code to}
 * (ISO dates) or {@code month=YYYY-MM}. Without either: the last 365 days up to and including today.
 */
record ReportPeriod(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 365;

    static ReportPeriod of(String from, String to, String month, LocalDate today) {
        ReportDays days = ReportDays.read(from, to, month, today.plusDays(1), DEFAULT_DAYS);
        return new ReportPeriod(days.from(), days.to());
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
}
