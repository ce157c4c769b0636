package dev.tenure.api.health;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.health.HealthReports;
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
@RestController
class HealthController {

    /** A churn report without dates covers the last 90 days. */
    static final int DEFAULT_PERIOD_DAYS = 90;

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

    @GetMapping("/api/accounts/{id}/health")
    ResponseEntity<?> account(@PathVariable String id, @RequestParam(required = false) String format) {
        boolean csv = ReportParameters.csv(format);
        if (accounts.find(id).isEmpty()) {
            throw new NotFoundException("account " + id);
        }
        visibility.requireAccount(id);
        // Before its first score an account has no health yet: said with an empty answer, not a 404.
        AccountHealth health = reports.account(id, Instant.now(clock))
                .orElse(new AccountHealth(id, null, List.of(), null, null, List.of()));
        return csv ? HealthCsv.download("health-" + id + ".csv", HealthCsv.account(health)) : ResponseEntity.ok(health);
    }

    @GetMapping("/api/health/distribution")
    ResponseEntity<?> distribution(@RequestParam(required = false) String asOf, @RequestParam(required = false) String csm,
                                   @RequestParam(required = false) String segment,
                                   @RequestParam(required = false) String format) {
        boolean csv = ReportParameters.csv(format);
        LocalDate date = ReportParameters.date("asOf", asOf, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        HealthDistribution d = reports.distribution(date, visibility.narrowTo(blank(csm), "health figures").orElse(null),
                ReportParameters.segment(segment));
        return csv ? HealthCsv.download("health-distribution-" + date + ".csv", HealthCsv.distribution(d)) : ResponseEntity.ok(d);
    }

    @GetMapping("/api/health/churn-report")
    ResponseEntity<?> churn(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String month, @RequestParam(required = false) String leadDays,
                            @RequestParam(required = false) String csm, @RequestParam(required = false) String segment,
                            @RequestParam(required = false) String format) {
        boolean csv = ReportParameters.csv(format);
        ReportParameters.Period period = ReportParameters.period(from, to, month,
                LocalDate.now(clock.withZone(ZoneOffset.UTC)), DEFAULT_PERIOD_DAYS);
        ChurnReport r = reports.churn(period.from(), period.to(), ReportParameters.days("leadDays", leadDays, 1, 3660),
                visibility.narrowTo(blank(csm), "health figures").orElse(null), ReportParameters.segment(segment));
        return csv ? HealthCsv.download("churn-report-" + r.from() + "-" + r.to() + ".csv", HealthCsv.churn(r))
                : ResponseEntity.ok(r);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
