package dev.tenure.engine.metrics;

import java.time.LocalDate;

/**
 * One row of a report: a month ({@code 2026-03}), a segment or a CSM, the days its figures cover
 * ({@code to} exclusive), and the figures.
 */
public record MetricsRow<F extends Figures>(String group, LocalDate from, LocalDate to, F figures) {

    static <F extends Figures> MetricsRow<F> of(String group, ReportPeriod period, F figures) {
        return new MetricsRow<>(group, period.from(), period.to(), figures);
    }
}
