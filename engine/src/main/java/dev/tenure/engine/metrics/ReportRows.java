package dev.tenure.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cuts dated items into a report's rows: every month of the period (empty ones too, so a chart has no
 * gaps), or each segment or CSM that has items in the period.
 */
final class ReportRows {

    private ReportRows() {
    }

    static <T, F extends Figures> List<MetricsRow<F>> rows(List<Dated<T>> items, ReportPeriod period, GroupBy groupBy,
                                                           Function<List<Dated<T>>, F> figures) {
        List<MetricsRow<F>> rows = new ArrayList<>();
        if (groupBy == GroupBy.MONTH) {
            for (ReportPeriod month : period.months()) {
                rows.add(MetricsRow.of(month.label(), month, figures.apply(within(items, month))));
            }
            return rows;
        }
        TreeMap<String, List<Dated<T>>> groups = new TreeMap<>();
        for (Dated<T> item : within(items, period)) {
            groups.computeIfAbsent(item.account().group(groupBy), g -> new ArrayList<>()).add(item);
        }
        groups.forEach((group, inGroup) -> rows.add(MetricsRow.of(group, period, figures.apply(inGroup))));
        return rows;
    }

    static <T, F extends Figures> MetricsRow<F> total(List<Dated<T>> items, ReportPeriod period,
                                                     Function<List<Dated<T>>, F> figures) {
        return MetricsRow.of("total", period, figures.apply(within(items, period)));
    }

    private static <T> List<Dated<T>> within(List<Dated<T>> items, ReportPeriod period) {
        return items.stream().filter(i -> period.contains(i.at())).toList();
    }
}
