package dev.tenure.engine.backfill;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthReports;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An imported past: 120 days of signals of a new CSM's accounts, stored at once, so the only live scores
 * are today's. Backfilled, the churn report over the imported months has bands to tell, and a rerun
 * changes nothing.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class HealthBackfillIntegrationTest {

    @Autowired Intake intake;
    @Autowired HealthBackfill backfill;
    @Autowired ActiveRuleSet rules;
    @Autowired HealthReports reports;
    @Autowired JdbcClient jdbc;

    @Test
    void givenAnImportedPast_whenBackfilled_thenTheChurnReportScoresEveryAccountAndARerunReplacesItsOwnScoresOnly() {
        String csm = "backfill-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {   // used core every day for 120 days
            TestData steady = TestData.account("Steady Mill " + i, Segment.LOW_TOUCH).csm(csm).usage("core", 120, 1, 40);
            intake.accept(steady.batch());
            ids.add(steady.id());
        }
        for (int i = 0; i < 3; i++) {   // went quiet 80 days ago, a failed payment, cancelled 30 days ago
            TestData leaving = TestData.account("Fading Forge " + i, Segment.LOW_TOUCH).csm(csm).usage("core", 120, 80, 40)
                    .billing(BillingEvent.PAYMENT_FAILED, 70).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 30);
            intake.accept(leaving.batch());
            ids.add(leaving.id());
        }
        LocalDate today = TestClock.today();
        LocalDate from = today.minusDays(45);
        int liveBefore = scores(ids, "LIVE");
        assertThat(band(reports.churn(from, today, null, csm, null), "UNSCORED").accounts()).isEqualTo(7);

        HealthBackfillReport first = backfill.run(today.minusDays(120), today.plusDays(1), rules.get().health(),
                HealthBackfill.Progress.NONE);

        ChurnReport churn = reports.churn(from, today, null, csm, null);
        assertThat(band(churn, "UNSCORED").accounts()).isZero();
        assertThat(band(churn, "GOOD").accounts()).isEqualTo(4);
        assertThat(band(churn, "GOOD").cancelled()).isZero();
        assertThat(churn.bands().stream().mapToInt(ChurnReport.BandRow::cancelled).sum()).isEqualTo(3);
        assertThat(band(churn, "GOOD").accounts() + band(churn, "AVERAGE").accounts() + band(churn, "POOR").accounts())
                .isEqualTo(7);
        // a score a day at 06:00: 120 days before today for the steady accounts; for the others 91, up to the day of
        // the cancellation (at 14:00, after that day's score); today was scored live, and is left as it was
        int backfilled = scores(ids, "BACKFILL");
        assertThat(backfilled).isEqualTo(4 * 120 + 3 * 91);
        assertThat(scores(ids, "LIVE")).isEqualTo(liveBefore);
        assertThat(first.liveKept()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM health_score WHERE account_id = ANY(?) AND origin = 'BACKFILL'
                        AND computed_at >= ?::date""")
                .params(ids.toArray(String[]::new), today.toString()).query(Integer.class).single()).isZero();
        // each backfilled score is at the daily evaluation time (06:00 UTC) and carries the day before's as previous
        assertThat(jdbc.sql("""
                        SELECT DISTINCT extract(hour FROM computed_at AT TIME ZONE 'UTC')::int FROM health_score
                        WHERE account_id = ANY(?) AND origin = 'BACKFILL'""")
                .param(ids.toArray(String[]::new)).query(Integer.class).list()).containsExactly(6);

        // the account's trend: a score for each of the last 90 days
        assertThat(reports.account(ids.get(0), TestClock.now()).orElseThrow().history()).hasSizeGreaterThanOrEqualTo(90);

        Map<String, Object> before = summary(ids);
        HealthBackfillReport again = backfill.run(today.minusDays(120), today.plusDays(1), rules.get().health(),
                HealthBackfill.Progress.NONE);

        assertThat(again.replaced()).isGreaterThanOrEqualTo(backfilled);
        assertThat(scores(ids, "BACKFILL")).isEqualTo(backfilled);
        assertThat(scores(ids, "LIVE")).isEqualTo(liveBefore);
        assertThat(summary(ids)).isEqualTo(before);
    }

    @Test
    void aBackfillOfAShorterPeriodReplacesOnlyThoseDays() {
        TestData steady = storedWithCoreUse("Short Span Co", Segment.HIGH_TOUCH, 30, 1, 10);
        LocalDate today = TestClock.today();
        backfill.run(today.minusDays(30), today, rules.get().health(), HealthBackfill.Progress.NONE);

        backfill.run(today.minusDays(10), today.minusDays(5), rules.get().health(), HealthBackfill.Progress.NONE);

        assertThat(scores(List.of(steady.id()), "BACKFILL")).isEqualTo(30);
    }

    @Test
    void anAccountIdleForMonthsScoresTheSameOnADayWhereverTheBackfillBegins() {
        // used core every day until 130 days ago, nothing since: live, it is idle for 129 days
        TestData idle = storedWithCoreUse("Long Idle Works", Segment.LOW_TOUCH, 300, 130, 40);
        LocalDate today = TestClock.today();
        LocalDate day = today.minusDays(5);

        backfill.run(today.minusDays(150), today, rules.get().health(), HealthBackfill.Progress.NONE);
        int fromLongBefore = scoreOn(idle.id(), day);
        // its history window (91 days before the start) holds no use at all
        backfill.run(day, today, rules.get().health(), HealthBackfill.Progress.NONE);
        int fromThatDay = scoreOn(idle.id(), day);

        assertThat(fromThatDay).isEqualTo(fromLongBefore);
        assertThat(fromThatDay).as("idle for months: POOR").isLessThan(50);
    }

    private int scoreOn(String accountId, LocalDate day) {
        return jdbc.sql("""
                        SELECT score FROM health_score WHERE account_id = ? AND origin = 'BACKFILL'
                        AND computed_at >= ?::date AND computed_at < ?::date + 1""")
                .params(accountId, day.toString(), day.toString()).query(Integer.class).single();
    }

    /** An account of a CSM of its own, stored with this use of core each day from and to so many days ago. */
    private TestData storedWithCoreUse(String name, Segment segment, int fromDaysAgo, int toDaysAgo, long perDay) {
        String csm = "backfill-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData account = TestData.account(name, segment).csm(csm).usage("core", fromDaysAgo, toDaysAgo, perDay);
        intake.accept(account.batch());
        return account;
    }

    private static ChurnReport.BandRow band(ChurnReport report, String band) {
        return report.bands().stream().filter(b -> b.band().equals(band)).findFirst().orElseThrow();
    }

    private int scores(List<String> ids, String origin) {
        return jdbc.sql("SELECT count(*) FROM health_score WHERE account_id = ANY(?) AND origin = ?")
                .params(ids.toArray(String[]::new), origin).query(Integer.class).single();
    }

    private Map<String, Object> summary(List<String> ids) {
        return jdbc.sql("""
                        SELECT count(*) AS n, sum(score) AS scores, sum(previous) AS previous,
                               min(computed_at) AS first, max(computed_at) AS last
                        FROM health_score WHERE account_id = ANY(?) AND origin = 'BACKFILL'""")
                .param(ids.toArray(String[]::new)).query().singleRow();
    }
}
