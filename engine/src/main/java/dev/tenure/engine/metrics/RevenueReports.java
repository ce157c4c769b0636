package dev.tenure.engine.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Builds the revenue report from accounts' MRR histories: pure arithmetic, no database. */
final class RevenueReports {

    private RevenueReports() {
    }

    static MetricsReport<RevenueFigures> of(List<MrrHistory> histories, ReportPeriod period, GroupBy groupBy,
                                            String currency, List<MetricsReport.LeftOut> leftOut) {
        List<MetricsRow<RevenueFigures>> rows = new ArrayList<>();
        if (groupBy == GroupBy.MONTH) {
            for (ReportPeriod month : period.months()) {
                rows.add(MetricsRow.of(month.label(), month, figures(histories, month)));
            }
        } else {
            TreeMap<String, List<MrrHistory>> groups = new TreeMap<>();
            for (MrrHistory h : histories) {
                groups.computeIfAbsent(h.account().group(groupBy), g -> new ArrayList<>()).add(h);
            }
            groups.forEach((group, inGroup) -> rows.add(MetricsRow.of(group, period, figures(inGroup, period))));
        }
        return new MetricsReport<>("revenue", period, groupBy, currency, rows,
                MetricsRow.of("total", period, figures(histories, period)), leftOut);
    }

    static RevenueFigures figures(Collection<MrrHistory> histories, ReportPeriod period) {
        return RevenueFigures.of(movements(histories, period), movements(histories, period.trailingTwelveMonths()));
    }

    static MrrMovements movements(Collection<MrrHistory> histories, ReportPeriod period) {
        MrrMovements sum = MrrMovements.NONE;
        for (MrrHistory h : histories) {
            sum = sum.plus(h.over(period));
        }
        return sum;
    }
}
