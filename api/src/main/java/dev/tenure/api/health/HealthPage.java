package dev.tenure.api.health;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.pages.ForbiddenPageException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.health.HealthReports;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The health page: accounts per band by segment, and whether health predicted churn over a chosen period,
 * each as a chart with its table and a CSV download. A CSM sees their own accounts' figures; CS ops and
 * admins everyone's (narrowed with {@code csm=}). The downloads are here too, because the pages sign in
 * with a session and the API only with a token.
 */
@Page
class HealthPage {

    private final HealthReports reports;
    private final Clock clock;

    HealthPage(HealthReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /** What the page was asked for, as given, so the form shows it again and the CSV links repeat it. */
    record Query(String from, String to, String month, String leadDays, String asOf, String segment, String csm) {

        String link(String path) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
            add(b, "from", from);
            add(b, "to", to);
            add(b, "month", month);
            add(b, "leadDays", leadDays);
            add(b, "asOf", asOf);
            add(b, "segment", segment);
            add(b, "csm", csm);
            return b.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder b, String name, String value) {
            if (value != null && !value.isBlank()) {
                b.queryParam(name, value.strip());
            }
        }
    }

    @GetMapping("/ops/health")
    String page(HttpServletRequest request, Model model, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String month,
                @RequestParam(required = false) String leadDays, @RequestParam(required = false) String asOf,
                @RequestParam(required = false) String segment, @RequestParam(required = false) String csm) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        // The form shows the dates in force, so a month typed in replaces them rather than clashing with them.
        boolean byMonth = month != null && !month.isBlank();
        Query query = byMonth ? new Query(null, null, month, leadDays, asOf, segment, csm)
                : new Query(from, to, month, leadDays, asOf, segment, csm);
        model.addAttribute("query", query);
        model.addAttribute("chartWidth", HealthCharts.WIDTH);
        model.addAttribute("chartHeight", HealthCharts.HEIGHT);
        model.addAttribute("baseline", HealthCharts.BASELINE);
        model.addAttribute("distributionCsv", query.link("/ops/health/distribution.csv"));
        model.addAttribute("churnCsv", query.link("/ops/health/churn-report.csv"));
        try {
            String narrowed = narrowTo(viewer, csm);
            HealthDistribution d = distribution(query, narrowed);
            ChurnReport churn = churn(query, narrowed);
            model.addAttribute("distribution", d);
            model.addAttribute("groups", HealthCharts.distribution(d));
            model.addAttribute("churn", churn);
            model.addAttribute("churnBars", HealthCharts.churn(churn));
            // The form shows the period and date in force, also when they were left to their defaults.
            model.addAttribute("shownFrom", byMonth ? "" : churn.from().toString());
            model.addAttribute("shownTo", byMonth ? "" : churn.to().toString());
            model.addAttribute("shownAsOf", d.asOf().toString());
        } catch (BadParameterException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "health/health";
    }

    @GetMapping("/ops/health/distribution.csv")
    ResponseEntity<String> distributionCsv(HttpServletRequest request, @RequestParam(required = false) String asOf,
                                           @RequestParam(required = false) String segment,
                                           @RequestParam(required = false) String csm) {
        Query query = new Query(null, null, null, null, asOf, segment, csm);
        HealthDistribution d = distribution(query, narrowTo(Viewer.of(request), csm));
        return HealthCsv.distribution(d).download("health-distribution-" + d.asOf() + ".csv");
    }

    @GetMapping("/ops/health/churn-report.csv")
    ResponseEntity<String> churnCsv(HttpServletRequest request, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to, @RequestParam(required = false) String month,
                                    @RequestParam(required = false) String leadDays,
                                    @RequestParam(required = false) String segment,
                                    @RequestParam(required = false) String csm) {
        Query query = new Query(from, to, month, leadDays, null, segment, csm);
        ChurnReport r = churn(query, narrowTo(Viewer.of(request), csm));
        return HealthCsv.churn(r).download("churn-report-" + r.from() + "-" + r.to() + ".csv");
    }

    /** A download with a bad parameter: the reason in words, naming the parameter. */
    @org.springframework.web.bind.annotation.ExceptionHandler(BadParameterException.class)
    ResponseEntity<String> badParameter(BadParameterException e) {
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    private HealthDistribution distribution(Query q, String csm) {
        return reports.distribution(ReportParameters.date("asOf", q.asOf(), today()), csm, ReportParameters.segment(q.segment()));
    }

    private ChurnReport churn(Query q, String csm) {
        ReportParameters.Period period = ReportParameters.period(q.from(), q.to(), q.month(), today(),
                HealthController.DEFAULT_PERIOD_DAYS);
        return reports.churn(period.from(), period.to(), ReportParameters.days("leadDays", q.leadDays(), 1, 3660), csm,
                ReportParameters.segment(q.segment()));
    }

    /** A CSM sees their own accounts' figures and nobody else's; CS ops and admins anyone's. */
    private static String narrowTo(Viewer viewer, String csm) {
        String asked = csm == null || csm.isBlank() ? null : csm.strip();
        if (viewer.seesEverything()) {
            return asked;
        }
        if (asked != null && !asked.equalsIgnoreCase(viewer.email())) {
            throw new ForbiddenPageException("The health figures of " + asked + "'s accounts are not yours to see.");
        }
        return viewer.email();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
