package dev.tenure.api.metrics;

import dev.tenure.api.csv.CsvTable;
import dev.tenure.engine.metrics.Figures;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.MetricsRow;
import org.springframework.http.ResponseEntity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A report as CSV, one line per figure (long format, so every report has the same columns and a
 * spreadsheet pivots it as it likes): {@code metric,group_by,group,from,to,figure,value}. An absent
 * figure (a rate with nothing to divide by) has an empty value. Accounts left out are lines with
 * {@code group_by} {@code account} and figure {@code left_out_currency}.
 */
final class MetricsCsv {

    private static final List<String> HEADER = List.of("metric", "group_by", "group", "from", "to", "figure", "value");

    private MetricsCsv() {
    }

    static <F extends Figures> ResponseEntity<String> of(MetricsReport<F> report) {
        CsvTable csv = new CsvTable(HEADER);
        for (MetricsRow<F> row : report.rows()) {
            lines(csv, report, report.groupBy().label(), row);
        }
        lines(csv, report, "total", report.total());
        for (MetricsReport.LeftOut left : report.leftOut()) {
            csv.row(Arrays.asList(report.metric(), "account", left.accountId(), report.period().from(), report.period().to(),
                    "left_out_currency", left.currency()));
        }
        return csv.download("tenure-" + report.metric() + "-" + report.period().from() + "-to-" + report.period().to()
                + "-by-" + report.groupBy().label() + ".csv");
    }

    /** The figures keep their types (BigDecimal, Integer), so the writer keeps a negative NPS a number. */
    private static <F extends Figures> void lines(CsvTable csv, MetricsReport<F> report, String groupBy, MetricsRow<F> row) {
        for (Map.Entry<String, Object> figure : row.figures().named().entrySet()) {
            csv.row(Arrays.asList(report.metric(), groupBy, row.group(), row.from(), row.to(), figure.getKey(), figure.getValue()));
        }
    }
}
