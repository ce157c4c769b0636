package dev.tenure.engine.health;

import dev.tenure.engine.EngineTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Health reports over hand-made history: the band each account had at the start of a period, who cancelled
 * or contracted in it, lead times, the distribution at a date, and one account's trend. Every test's accounts
 * belong to a CSM of their own, so the shared database's other accounts stay out of the figures.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class HealthReportsIntegrationTest {

    private static final LocalDate FROM = LocalDate.parse("2026-01-01");
    private static final LocalDate TO = LocalDate.parse("2026-04-01");

    @Autowired
    HealthReports reports;
    @Autowired
    JdbcClient jdbc;

    private final String csm = "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Test
    void given_six_accounts_with_known_bands_and_cancellations_the_churn_report_counts_exactly() {
        // GOOD at the start and stays.
        String g1 = account("2025-01-01");
        score(g1, 80, "GOOD", "2025-12-20T10:00:00Z");
        // GOOD at the start; MRR from 1000 down to 800 in the period: contracted.
        String g2 = account("2025-01-01");
        score(g2, 75, "GOOD", "2025-12-20T10:00:00Z");
        mrr(g2, 1000, "EUR", "2025-11-01T00:00:00Z");
        mrr(g2, 800, "EUR", "2026-02-10T00:00:00Z");
        // AVERAGE at the start, POOR from 20 January, cancelled on 1 March: 40 days in POOR before it.
        String a1 = account("2025-01-01");
        score(a1, 60, "AVERAGE", "2025-12-15T00:00:00Z");
        score(a1, 45, "POOR", "2026-01-20T00:00:00Z");
        score(a1, 40, "POOR", "2026-02-10T00:00:00Z");
        cancel(a1, "2026-03-01T00:00:00Z");
        // POOR since 1 December, cancelled on 31 January: 61 days.
        String p1 = account("2025-01-01");
        score(p1, 55, "AVERAGE", "2025-11-01T00:00:00Z");
        score(p1, 42, "POOR", "2025-12-01T00:00:00Z");
        score(p1, 41, "POOR", "2025-12-28T00:00:00Z");
        cancel(p1, "2026-01-31T00:00:00Z");
        // POOR since 22 December, contracted on 10 January (500 to 300), cancelled on 15 February: 55 days.
        String p2 = account("2025-01-01");
        score(p2, 30, "POOR", "2025-12-22T00:00:00Z");
        mrr(p2, 500, "EUR", "2025-06-01T00:00:00Z");
        mrr(p2, 300, "EUR", "2026-01-10T00:00:00Z");
        cancel(p2, "2026-02-15T00:00:00Z");
        // No score before the period: unscored; cancelled with no lead time to tell.
        String u1 = account("2025-01-01");
        cancel(u1, "2026-02-01T00:00:00Z");
        // Not in the report: cancelled before the period; started after its start; a currency change is no contraction.
        String gone = account("2025-01-01");
        score(gone, 20, "POOR", "2025-11-01T00:00:00Z");
        cancel(gone, "2025-12-10T00:00:00Z");
        String late = account("2026-02-01");
        score(g1, 82, "GOOD", "2026-02-01T00:00:00Z");
        mrr(g1, 1000, "USD", "2025-06-01T00:00:00Z");
        mrr(g1, 950, "EUR", "2026-02-01T00:00:00Z");

        ChurnReport report = reports.churn(FROM, TO, null, csm, null);

        assertThat(report.bands()).extracting(ChurnReport.BandRow::band, ChurnReport.BandRow::accounts,
                ChurnReport.BandRow::cancelled, ChurnReport.BandRow::contracted, ChurnReport.BandRow::cancelledOrContracted,
                ChurnReport.BandRow::rate, ChurnReport.BandRow::medianLeadDays).containsExactly(
                tuple("GOOD", 2, 0, 1, 1, 0.5, null),
                tuple("AVERAGE", 1, 1, 0, 1, 1.0, 40.0),
                tuple("POOR", 2, 2, 1, 2, 1.0, 58.0),
                tuple("UNSCORED", 1, 1, 0, 1, 1.0, null));
        assertThat(report.bands().get(2).lost()).extracting(ChurnOutcome::accountId, ChurnOutcome::leadDays)
                .containsExactlyInAnyOrder(tuple(p1, 61L), tuple(p2, 55L));
        assertThat(report.bands().get(0).lost()).extracting(ChurnOutcome::accountId).containsExactly(g2);
        assertThat(report.separation().verdict()).isEqualTo(ChurnReport.Verdict.TOO_FEW_TO_TELL);
        assertThat(report.leadDays()).isEqualTo(365);
        assertThat(late).isNotNull();

        // Looking back only 40 days from each cancellation, p1's run of POOR starts at its 28 December score,
        // and p2 has no score in its window.
        ChurnReport shortLook = reports.churn(FROM, TO, 40, csm, null);
        assertThat(shortLook.bands().get(2).lost()).extracting(ChurnOutcome::accountId, ChurnOutcome::leadDays)
                .containsExactlyInAnyOrder(tuple(p1, 34L), tuple(p2, null));
    }

    @Test
    void the_distribution_counts_each_live_account_by_its_latest_band_at_the_date() {
        String good = account("2025-01-01");
        score(good, 80, "GOOD", "2025-12-20T10:00:00Z");
        String slipping = account("2025-01-01");
        score(slipping, 60, "AVERAGE", "2025-12-15T00:00:00Z");
        score(slipping, 45, "POOR", "2026-01-20T00:00:00Z");
        String cancelled = account("2025-01-01");
        score(cancelled, 30, "POOR", "2025-12-22T00:00:00Z");
        cancel(cancelled, "2026-02-15T00:00:00Z");
        String back = account("2025-01-01");
        score(back, 75, "GOOD", "2025-12-22T00:00:00Z");
        cancel(back, "2026-01-05T00:00:00Z");
        billing(back, "{\"event\": \"SUBSCRIPTION_REACTIVATED\"}", "2026-01-10T00:00:00Z");
        account("2025-01-01");
        account("2026-02-01");

        HealthDistribution mid = reports.distribution(LocalDate.parse("2026-01-15"), csm, null);
        HealthDistribution later = reports.distribution(LocalDate.parse("2026-03-01"), csm, null);

        // The account that cancelled on 5 January and was reactivated on the 10th counts again, by its band.
        assertThat(mid.all()).isEqualTo(new BandCounts(2, 1, 1, 1));
        assertThat(mid.bySegment()).containsOnlyKeys("LOW_TOUCH");
        assertThat(mid.byCsm()).containsEntry(csm, new BandCounts(2, 1, 1, 1));
        // The cancelled account is gone, the slipping one is POOR, the late starter has begun (without a score).
        assertThat(later.all()).isEqualTo(new BandCounts(2, 0, 1, 2));
    }

    @Test
    void an_account_shows_its_score_with_shares_the_change_over_30_and_90_days_and_a_score_a_day() {
        Instant now = Instant.parse("2026-06-15T12:00:00Z");
        String id = account("2025-01-01");
        score(id, 50, "POOR", now.minus(Duration.ofDays(100)).toString());
        score(id, 60, "AVERAGE", now.minus(Duration.ofDays(60)).toString());
        score(id, 66, "AVERAGE", now.minus(Duration.ofDays(20)).toString());
        score(id, 70, "GOOD", now.minus(Duration.ofHours(2)).toString());
        score(id, 72, "GOOD", now.minus(Duration.ofHours(1)).toString());

        AccountHealth health = reports.account(id, now).orElseThrow();

        assertThat(health.now().score()).isEqualTo(72);
        assertThat(health.change30d()).isEqualTo(72 - 60);
        assertThat(health.change90d()).isEqualTo(72 - 50);
        assertThat(health.history()).extracting(h -> h.score()).containsExactly(72, 66, 60);
        // usage 80 * 0.6 = 48 points, support 60 * 0.4 = 24: 72 in all, shares 2/3 and 1/3.
        assertThat(health.components()).extracting(AccountHealth.ComponentShare::name, AccountHealth.ComponentShare::points)
                .containsExactly(tuple("usage", 48.0), tuple("support", 24.0));
        assertThat(health.components().get(0).share()).isEqualTo(48.0 / 72);
        assertThat(reports.account(account("2025-01-01"), now)).isEmpty();
    }

    private String account(String startedOn) {
        String id = "health-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO account (id, name, segment, stage, csm, started_on) VALUES (?, ?, 'LOW_TOUCH', 'VALUE', ?, ?)")
                .params(id, "Account " + id, csm, java.sql.Date.valueOf(startedOn)).update();
        return id;
    }

    private void score(String accountId, int score, String band, String at) {
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version)
                        VALUES (?, ?, ?, -1, ?::jsonb, ?, 'test')""")
                .params(accountId, score, band, """
                        [{"name": "usage", "score": 80, "weight": 0.6, "reason": "steady"},
                         {"name": "support", "score": 60, "weight": 0.4, "reason": "one P2 open"}]""",
                        Timestamp.from(Instant.parse(at))).update();
    }

    private void mrr(String accountId, int amount, String currency, String at) {
        billing(accountId, "{\"event\": \"MRR_CHANGED\", \"amount\": " + amount + ", \"currency\": \"" + currency + "\"}", at);
    }

    private void cancel(String accountId, String at) {
        billing(accountId, "{\"event\": \"SUBSCRIPTION_CANCELLED\"}", at);
    }

    private void billing(String accountId, String payload, String at) {
        jdbc.sql("""
                        INSERT INTO signal (source, external_id, account_id, kind, occurred_at, payload)
                        VALUES ('test', ?, ?, 'billing', ?, ?::jsonb)""")
                .params(UUID.randomUUID().toString(), accountId, Timestamp.from(Instant.parse(at)), payload).update();
    }
}
