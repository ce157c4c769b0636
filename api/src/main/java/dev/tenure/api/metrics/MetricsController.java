package dev.tenure.api.metrics;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.metrics.Figures;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.QbrCompletion;
import dev.tenure.engine.metrics.RevenueFigures;
import dev.tenure.engine.metrics.SurveyFigures;
import dev.tenure.engine.metrics.TimeToValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/**
 * CS metrics as JSON or, with {@code format=csv}, as a CSV download. CS ops and admins see every account
 * (or one CSM's with {@code csm=}); a CSM sees the figures of their own accounts only, and asking for
 * another CSM's is 403.
 */
@Tag(name = "CS metrics", description = "Revenue retention, churn, surveys, time to value and QBR completion over a period, as JSON or CSV.")
@RestController
@RequestMapping("/api/metrics")
class MetricsController {

    /** The request parameter that asks for CSV instead of JSON. */
    static final String CSV = "format=csv";

    private final MetricsReports reports;
    private final Visibility visibility;
    private final Clock clock;

    MetricsController(MetricsReports reports, Visibility visibility, Clock clock) {
        this.reports = reports;
        this.visibility = visibility;
        this.clock = clock;
    }

    /** MRR movements, NRR and GRR (the period's and trailing twelve months), logo and revenue churn rates. */
    @Operation(summary = "MRR movements, NRR, GRR and churn rates")
    @GetMapping("/revenue")
    MetricsViews.MetricsView<MetricsViews.RevenueView> revenue(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        MetricsReport<RevenueFigures> report = report("revenue", from, to, month, groupBy, csm, format, false);
        return MetricsViews.MetricsView.of(report, MetricsViews.RevenueView::of);
    }

    @Operation(summary = "MRR movements, NRR, GRR and churn rates")
    @GetMapping(path = "/revenue", params = CSV, produces = "text/csv")
    ResponseEntity<String> revenueCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm) {
        return MetricsCsv.of(report("revenue", from, to, month, groupBy, csm, "csv", true));
    }

    /** NPS (latest answer per contact in each row's period) and CSAT (every answer). */
    @Operation(summary = "NPS and CSAT")
    @GetMapping("/surveys")
    MetricsViews.MetricsView<MetricsViews.SurveysView> surveys(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        MetricsReport<SurveyFigures> report = report("surveys", from, to, month, groupBy, csm, format, false);
        return MetricsViews.MetricsView.of(report, MetricsViews.SurveysView::of);
    }

    @Operation(summary = "NPS and CSAT")
    @GetMapping(path = "/surveys", params = CSV, produces = "text/csv")
    ResponseEntity<String> surveysCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm) {
        return MetricsCsv.of(report("surveys", from, to, month, groupBy, csm, "csv", true));
    }

    /** Days from start to first value of the accounts that started in the period; by month is by cohort. */
    @Operation(summary = "Days from start to first value")
    @GetMapping("/time-to-value")
    MetricsViews.MetricsView<MetricsViews.TimeToValueView> timeToValue(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        MetricsReport<TimeToValue> report = report("time-to-value", from, to, month, groupBy, csm, format, false);
        return MetricsViews.MetricsView.of(report, MetricsViews.TimeToValueView::of);
    }

    @Operation(summary = "Days from start to first value")
    @GetMapping(path = "/time-to-value", params = CSV, produces = "text/csv")
    ResponseEntity<String> timeToValueCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm) {
        return MetricsCsv.of(report("time-to-value", from, to, month, groupBy, csm, "csv", true));
    }

    /** QBR tasks due in the period and the share done. */
    @Operation(summary = "QBR tasks due and done")
    @GetMapping("/qbr-completion")
    MetricsViews.MetricsView<MetricsViews.QbrView> qbrCompletion(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        MetricsReport<QbrCompletion> report = report("qbr-completion", from, to, month, groupBy, csm, format, false);
        return MetricsViews.MetricsView.of(report, MetricsViews.QbrView::of);
    }

    @Operation(summary = "QBR tasks due and done")
    @GetMapping(path = "/qbr-completion", params = CSV, produces = "text/csv")
    ResponseEntity<String> qbrCompletionCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String csm) {
        return MetricsCsv.of(report("qbr-completion", from, to, month, groupBy, csm, "csv", true));
    }

    /**
     * The report asked for. {@code format=csv} is answered by the CSV handlers ({@value #CSV}, matched as written);
     * the JSON handlers refuse any other format but json, naming it.
     */
    @SuppressWarnings("unchecked")
    private <F extends Figures> MetricsReport<F> report(String report, String from, String to, String month, String groupBy,
                                                        String csm, String format, boolean csv) {
        MetricsQuery query = MetricsQuery.read(from, to, month, groupBy, format, LocalDate.now(clock));
        if (query.csv() != csv) {
            throw new BadParameterException("format", "'" + format + "' is not one of json, csv (in lower case)");
        }
        String scope = visibility.narrowTo(csm == null || csm.isBlank() ? null : csm.trim(), "metrics").orElse(null);
        return (MetricsReport<F>) reports.report(report, query.period(), query.groupBy(), scope);
    }
}
