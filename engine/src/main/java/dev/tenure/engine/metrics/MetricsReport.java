package dev.tenure.engine.metrics;

import java.util.List;

/**
 * A report over a period: its rows by month, segment or CSM, and the total over the whole period (which,
 * for MRR, compares the period's start with its end, so it is not the sum of the monthly rows).
 *
 * @param currency the reporting currency of every amount
 * @param leftOut  accounts whose figures are not in the report, and why
 */
public record MetricsReport<F extends Figures>(String metric, ReportPeriod period, GroupBy groupBy, String currency,
                                               List<MetricsRow<F>> rows, MetricsRow<F> total,
                                               List<LeftOut> leftOut) {

    /** The rows, then the total, as a table shows them. */
    public List<MetricsRow<F>> rowsAndTotal() {
        List<MetricsRow<F>> all = new java.util.ArrayList<>(rows);
        all.add(total);
        return all;
    }

    /** An account whose MRR is in a currency without a configured rate, so it cannot be added up. */
    public record LeftOut(String accountId, String currency, String reason) {
    }
}
