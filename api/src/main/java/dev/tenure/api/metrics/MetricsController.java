package dev.tenure.api.metrics;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.metrics.MetricsReport;
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
@RestController
@RequestMapping("/api/metrics")
class MetricsController {

    private final MetricsReports reports;
    private final Visibility visibility;
    private final Clock clock;

    MetricsController(MetricsReports reports, Visibility visibility, Clock clock) {
        this.reports = reports;
        this.visibility = visibility;
        this.clock = clock;
    }

    /** MRR movements, NRR and GRR (the period's and trailing twelve months), logo and revenue churn rates. */
    @GetMapping("/revenue")
    ResponseEntity<?> revenue(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
                              @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        return answer("revenue", from, to, month, groupBy, csm, format);
    }

    /** NPS (latest answer per contact in each row's period) and CSAT (every answer). */
    @GetMapping("/surveys")
    ResponseEntity<?> surveys(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
                              @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        return answer("surveys", from, to, month, groupBy, csm, format);
    }

    /** Days from start to first value of the accounts that started in the period; by month is by cohort. */
    @GetMapping("/time-to-value")
    ResponseEntity<?> timeToValue(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
                                  @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        return answer("time-to-value", from, to, month, groupBy, csm, format);
    }

    /** QBR tasks due in the period and the share done. */
    @GetMapping("/qbr-completion")
    ResponseEntity<?> qbrCompletion(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
                                    @RequestParam(required = false) String csm, @RequestParam(required = false) String format) {
        return answer("qbr-completion", from, to, month, groupBy, csm, format);
    }


    private ResponseEntity<?> answer(String report, String from, String to, String month, String groupBy, String csm,
                                     String format) {
        MetricsQuery query = MetricsQuery.read(from, to, month, groupBy, format, LocalDate.now(clock));
        String scope = visibility.narrowTo(csm == null || csm.isBlank() ? null : csm.trim(), "metrics").orElse(null);
        MetricsReport<?> result = reports.report(report, query.period(), query.groupBy(), scope);
        return query.csv() ? MetricsCsv.of(result) : ResponseEntity.ok(result);
    }
}
