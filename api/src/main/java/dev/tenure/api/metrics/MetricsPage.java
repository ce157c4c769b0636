package dev.tenure.api.metrics;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Viewer;
import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.QbrReport;
import dev.tenure.engine.metrics.ReportPeriod;
import dev.tenure.engine.metrics.Revenue;
import dev.tenure.engine.metrics.RevenueFigures;
import dev.tenure.engine.metrics.SurveyFigures;
import dev.tenure.engine.metrics.Surveys;
import dev.tenure.engine.metrics.TimeToValueReport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The CS metrics on one page: NRR and GRR over twelve months, MRR movements by month, churn rates, NPS
 * and CSAT, time to value, QBR completion; each chart with its table and a CSV link. CS ops and admins
 * see every account (or one CSM's with {@code ?csm=}); a CSM sees the figures of their own accounts.
 */
@Page
class MetricsPage {

    private final MetricsReports reports;
    private final Revenue revenue;
    private final Surveys surveys;
    private final TimeToValueReport timeToValue;
    private final QbrReport qbrs;
    private final Clock clock;

    MetricsPage(MetricsReports reports, Revenue revenue, Surveys surveys, TimeToValueReport timeToValue, QbrReport qbrs,
                Clock clock) {
        this.reports = reports;
        this.revenue = revenue;
        this.surveys = surveys;
        this.timeToValue = timeToValue;
        this.qbrs = qbrs;
        this.clock = clock;
    }

    /** The page's CSV links: the same CSV as the API's {@code ?format=csv}, for a browser signed in to the pages. */
    @GetMapping("/ops/metrics/{report}.csv")
    ResponseEntity<String> csv(HttpServletRequest request, @PathVariable String report,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String month, @RequestParam(required = false) String groupBy,
                               @RequestParam(required = false) String csm) {
        String scope = scope(Viewer.of(request), csm);
        if (!MetricsReports.NAMES.contains(report)) {
            throw new PageNotFoundException("report " + report);
        }
        MetricsQuery query;
        try {
            query = MetricsQuery.read(from, to, month, groupBy, "csv", LocalDate.now(clock));
        } catch (BadParameterException e) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
        return MetricsCsv.of(reports.report(report, query.period(), query.groupBy(), scope));
    }

    @GetMapping("/ops/metrics")
    String metrics(HttpServletRequest request, HttpServletResponse response,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String month, @RequestParam(required = false) String csm, Model model) {
        Viewer viewer = Viewer.of(request);
        String scope = scope(viewer, csm);
        LocalDate today = LocalDate.now(clock);
        ReportPeriod period;
        try {
            period = MetricsQuery.period(from, to, month, today);
        } catch (BadParameterException e) {
            // Say what was wrong and show the default period rather than an empty page.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", e.getMessage() + ". Showing the last twelve months instead.");
            period = ReportPeriod.twelveMonthsTo(today);
        }
        MetricsReport<RevenueFigures> byMonth = revenue.report(period, GroupBy.MONTH, scope);
        model.addAttribute("viewer", viewer);
        model.addAttribute("scope", scope);
        model.addAttribute("period", period);
        model.addAttribute("revenue", byMonth);
        model.addAttribute("revenueBySegment", revenue.report(period, GroupBy.SEGMENT, scope));
        model.addAttribute("revenueByCsm", revenue.report(period, GroupBy.CSM, scope));
        model.addAttribute("retentionChart", MetricsCharts.retention(byMonth.rows()));
        model.addAttribute("movementsChart", MetricsCharts.movements(byMonth.rows(), byMonth.currency()));
        model.addAttribute("chartWidth", MetricsCharts.WIDTH);
        model.addAttribute("chartHeight", MetricsCharts.HEIGHT);
        model.addAttribute("chartLeft", MetricsCharts.LEFT);
        model.addAttribute("churnChart", MetricsCharts.churn(byMonth.rows()));
        MetricsReport<SurveyFigures> surveysByMonth = surveys.report(period, GroupBy.MONTH, scope);
        model.addAttribute("surveys", surveysByMonth);
        model.addAttribute("surveysChart", MetricsCharts.surveys(surveysByMonth.rows()));
        model.addAttribute("surveysBySegment", surveys.report(period, GroupBy.SEGMENT, scope));
        model.addAttribute("ttvByCohort", timeToValue.report(period, GroupBy.MONTH, scope));
        model.addAttribute("ttvBySegment", timeToValue.report(period, GroupBy.SEGMENT, scope));
        model.addAttribute("qbrs", qbrs.report(period, GroupBy.MONTH, scope));
        model.addAttribute("qbrsByCsm", qbrs.report(period, GroupBy.CSM, scope));
        model.addAttribute("csv", new CsvLinks(period, scope));
        return "ops/metrics";
    }

    /** Everyone's figures for CS ops (or the CSM they ask for); a CSM's own, and never another's. */
    private static String scope(Viewer viewer, String csm) {
        String asked = csm == null || csm.isBlank() ? null : csm.trim();
        if (viewer.seesEverything()) {
            return asked;
        }
        if (asked != null && !asked.equalsIgnoreCase(viewer.email())) {
            throw new ForbiddenPageException("The figures of " + asked + "'s accounts are theirs and CS ops' to see.");
        }
        return viewer.email();
    }

    /** The CSV download of each report over the page's period and accounts. */
    record CsvLinks(ReportPeriod period, String csm) {

        public String of(String metric, String groupBy) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/ops/metrics/" + metric + ".csv")
                    .queryParam("from", period.from()).queryParam("to", period.to()).queryParam("groupBy", groupBy);
            if (csm != null) {
                uri.queryParam("csm", csm);
            }
            return uri.encode().build().toUriString();
        }
    }
}
