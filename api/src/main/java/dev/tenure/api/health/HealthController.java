package dev.tenure.api.health;

import dev.tenure.api.errors.BadParameterException;
import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.health.HealthReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Health as figures: one account's score with each component's share, its history and trend; accounts per
 * band; and whether health predicted churn. Each answers {@code ?format=csv} too. A CSM sees only figures
 * over their own accounts ({@link Visibility}).
 */
@Tag(name = "Health", description = "Health scores as figures: an account's score and trend, accounts per band, whether health predicted churn.")
@RestController
class HealthController {

    /** A churn report without dates covers the last 90 days. */
    static final int DEFAULT_PERIOD_DAYS = 90;

    /** The request parameter that asks for CSV instead of JSON. */
    static final String CSV = "format=csv";

    private final HealthReports reports;
    private final Accounts accounts;
    private final Visibility visibility;
    private final Clock clock;

    HealthController(HealthReports reports, Accounts accounts, Visibility visibility, Clock clock) {
        this.reports = reports;
        this.accounts = accounts;
        this.visibility = visibility;
        this.clock = clock;
    }

    @Operation(summary = "An account's health now and over 90 days")
    @GetMapping("/api/accounts/{id}/health")
    HealthViews.AccountHealthView account(@PathVariable String id, @RequestParam(required = false) String format) {
        json(format);
        return HealthViews.AccountHealthView.of(accountHealth(id));
    }

    @Operation(summary = "An account's health now and over 90 days")
    @GetMapping(path = "/api/accounts/{id}/health", params = CSV, produces = "text/csv")
    ResponseEntity<String> accountCsv(@PathVariable String id) {
        return HealthCsv.account(accountHealth(id)).download("health-" + id + ".csv");
    }

    private AccountHealth accountHealth(String id) {
        if (accounts.find(id).isEmpty()) {
            throw new NotFoundException("account " + id);
        }
        visibility.requireAccount(id);
        // Before its first score an account has no health yet: said with an empty answer, not a 404.
        return reports.account(id, Instant.now(clock)).orElse(new AccountHealth(id, null, List.of(), null, null, List.of()));
    }

    @Operation(summary = "Accounts per health band")
    @GetMapping("/api/health/distribution")
    HealthViews.DistributionView distribution(@RequestParam(required = false) String asOf, @RequestParam(required = false) String csm,
                                              @RequestParam(required = false) String segment,
                                              @RequestParam(required = false) String format) {
        json(format);
        return HealthViews.DistributionView.of(distribution(asOf, csm, segment));
    }

    @Operation(summary = "Accounts per health band")
    @GetMapping(path = "/api/health/distribution", params = CSV, produces = "text/csv")
    ResponseEntity<String> distributionCsv(@RequestParam(required = false) String asOf, @RequestParam(required = false) String csm,
                                           @RequestParam(required = false) String segment) {
        HealthDistribution d = distribution(asOf, csm, segment);
        return HealthCsv.distribution(d).download("health-distribution-" + d.asOf() + ".csv");
    }

    private HealthDistribution distribution(String asOf, String csm, String segment) {
        LocalDate date = ReportParameters.date("asOf", asOf, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        return reports.distribution(date, visibility.narrowTo(blank(csm), "health figures").orElse(null),
                ReportParameters.segment(segment));
    }

    @Operation(summary = "Churn and contraction by health band")
    @GetMapping("/api/health/churn-report")
    HealthViews.ChurnReportView churn(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String month, @RequestParam(required = false) String leadDays,
                                      @RequestParam(required = false) String csm, @RequestParam(required = false) String segment,
                                      @RequestParam(required = false) String format) {
        json(format);
        return HealthViews.ChurnReportView.of(churn(from, to, month, leadDays, csm, segment));
    }

    @Operation(summary = "Churn and contraction by health band")
    @GetMapping(path = "/api/health/churn-report", params = CSV, produces = "text/csv")
    ResponseEntity<String> churnCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String month, @RequestParam(required = false) String leadDays,
                                    @RequestParam(required = false) String csm, @RequestParam(required = false) String segment) {
        ChurnReport r = churn(from, to, month, leadDays, csm, segment);
        return HealthCsv.churn(r).download("churn-report-" + r.from() + "-" + r.to() + ".csv");
    }

    private ChurnReport churn(String from, String to, String month, String leadDays, String csm, String segment) {
        ReportParameters.Period period = ReportParameters.period(from, to, month,
                LocalDate.now(clock.withZone(ZoneOffset.UTC)), DEFAULT_PERIOD_DAYS);
        return reports.churn(period.from(), period.to(), ReportParameters.days("leadDays", leadDays, 1, 3660),
                visibility.narrowTo(blank(csm), "health figures").orElse(null), ReportParameters.segment(segment));
    }

    /**
     * The JSON handlers' check of {@code format}: {@code format=csv} is answered by the CSV handlers
     * ({@value #CSV}, matched as written), anything but json or nothing is a 400 naming it.
     */
    static void json(String format) {
        if (ReportParameters.csv(format)) {
            throw new BadParameterException("format", "'" + format + "' is not a format: use csv or json, in lower case");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
