package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.Figures;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.MetricsRow;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A report as CSV, one line per figure (long format, so every report has the same columns and a
 * spreadsheet pivots it as it likes): {@code metric,group_by,group,from,to,figure,value}. An absent
 * figure (a rate with nothing to divide by) has an empty value. Accounts left out are lines with
 * {@code group_by} {@code account} and figure {@code left_out_currency}.
 */
final class MetricsCsv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String HEADER = "metric,group_by,group,from,to,figure,value\r\n";

    private MetricsCsv() {
    }

    static <F extends Figures> ResponseEntity<String> of(MetricsReport<F> report) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (MetricsRow<F> row : report.rows()) {
            lines(csv, report, report.groupBy().label(), row);
        }
        lines(csv, report, "total", report.total());
        for (MetricsReport.LeftOut left : report.leftOut()) {
            line(csv, report.metric(), "account", left.accountId(), report.period().from().toString(),
                    report.period().to().toString(), "left_out_currency", left.currency());
        }
        String file = "tenure-" + report.metric() + "-" + report.period().from() + "-to-" + report.period().to()
                + "-by-" + report.groupBy().label() + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(csv.toString());
    }

    private static <F extends Figures> void lines(StringBuilder csv, MetricsReport<F> report, String groupBy, MetricsRow<F> row) {
        for (Map.Entry<String, Object> figure : row.figures().named().entrySet()) {
            line(csv, report.metric(), groupBy, row.group(), row.from().toString(), row.to().toString(), figure.getKey(),
                    value(figure.getValue()));
        }
    }

    private static String value(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static void line(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    /** Quoted when it must be; a leading =, + or @ is prefixed so a spreadsheet does not run it as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
