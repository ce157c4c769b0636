package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.QbrReport;
import dev.tenure.engine.metrics.ReportPeriod;
import dev.tenure.engine.metrics.Revenue;
import dev.tenure.engine.metrics.Surveys;
import dev.tenure.engine.metrics.TimeToValueReport;
import org.springframework.stereotype.Component;

import java.util.List;

/** The reports by the names they have in URLs: revenue, surveys, time-to-value, qbr-completion. */
@Component
class MetricsReports {

    static final List<String> NAMES = List.of("revenue", "surveys", "time-to-value", "qbr-completion");

    private final Revenue revenue;
    private final Surveys surveys;
    private final TimeToValueReport timeToValue;
    private final QbrReport qbrs;

    MetricsReports(Revenue revenue, Surveys surveys, TimeToValueReport timeToValue, QbrReport qbrs) {
        this.revenue = revenue;
        this.surveys = surveys;
        this.timeToValue = timeToValue;
        this.qbrs = qbrs;
    }

    /** @param csm only this CSM's accounts, or null for every account */
    MetricsReport<?> report(String name, ReportPeriod period, GroupBy groupBy, String csm) {
        return switch (name) {
            case "revenue" -> revenue.report(period, groupBy, csm);
            case "surveys" -> surveys.report(period, groupBy, csm);
            case "time-to-value" -> timeToValue.report(period, groupBy, csm);
            case "qbr-completion" -> qbrs.report(period, groupBy, csm);
            default -> throw new IllegalArgumentException("no report " + name + "; one of " + String.join(", ", NAMES));
        };
    }
}
