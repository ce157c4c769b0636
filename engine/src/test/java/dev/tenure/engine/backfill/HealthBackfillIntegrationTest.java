package dev.tenure.engine.backfill;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.health.BandCounts;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.health.HealthReports;
import dev.tenure.engine.health.WeightedInput;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.AccountLifecycle;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An imported past: 120 days of signals of a new CSM's accounts, stored at once, so the only live scores
 * are today's. Backfilled, the churn report over the imported months has bands to tell, and a rerun
 * changes nothing. A CRM's stage counts from the day it was set: no score while it had an account churned.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class HealthBackfillIntegrationTest {

    @Autowired Intake intake;
    @Autowired HealthBackfill backfill;
    @Autowired ActiveRuleSet rules;
    @Autowired HealthReports reports;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;
    @Autowired AccountLifecycle lifecycle;
    @Autowired TransactionTemplate transaction;

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

    /**
     * Thirty days backfilled with the rule set's model, then five of them again with another: the score right after
     * those five (backfilled by the first run) and today's live score, after a third run up to today, had the scores
     * the reruns replaced as their previous; each score's previous is now the score stored before it, as the
     * account's trend shows it.
     */
    @Test
    void givenAShorterRerunWithAnotherModel_whenItReplacesSomeDays_thenTheScoresAfterThemHaveTheNewScoresAsPrevious() {
        TestData steady = storedWithCoreUse("Rescored Midway Co", Segment.HIGH_TOUCH, 30, 1, 10);
        LocalDate today = TestClock.today();
        HealthModel model = rules.get().health();
        HealthModel supportOnly = supportOnly(model);
        backfill.run(today.minusDays(30), today.plusDays(1), model, HealthBackfill.Progress.NONE);
        int before = scoreOn(steady.id(), today.minusDays(6));

        backfill.run(today.minusDays(10), today.minusDays(5), supportOnly, HealthBackfill.Progress.NONE);

        assertThat(scoreOn(steady.id(), today.minusDays(6))).as("the other model scores otherwise").isNotEqualTo(before);
        assertThat(previousOn(steady.id(), today.minusDays(5))).isEqualTo(scoreOn(steady.id(), today.minusDays(6)));
        assertThat(brokenLinks(steady.id())).isEmpty();

        backfill.run(today.minusDays(3), today.plusDays(1), supportOnly, HealthBackfill.Progress.NONE);

        HealthScore live = reports.account(steady.id(), TestClock.now()).orElseThrow().now();
        assertThat(live.computedAt()).isAfter(today.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(live.previous()).isEqualTo(scoreOn(steady.id(), today.minusDays(1)));
        assertThat(brokenLinks(steady.id())).isEmpty();
        List<HealthScore> trend = reports.account(steady.id(), TestClock.now()).orElseThrow().history();
        for (int i = 0; i + 1 < trend.size(); i++) {
            assertThat(trend.get(i).previous()).as("previous of %s", trend.get(i).computedAt())
                    .isEqualTo(trend.get(i + 1).score());
        }
    }

    @Test
    void twoBackfillsOfTheSameDaysAskedAtOnceLeaveOneScoreADay() throws Exception {
        // Two nodes each asked (a double click behind a load balancer, or two file drops): the second begins while the
        // first has written its first day and not yet committed.
        TestData steady = storedWithCoreUse("Asked Twice Co", Segment.HIGH_TOUCH, 20, 1, 10);
        LocalDate today = TestClock.today();
        CountDownLatch firstWroteADay = new CountDownLatch(1);
        CountDownLatch letFirstGoOn = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<HealthBackfillReport> first = nodes.submit(() -> backfill.run(today.minusDays(10), today, rules.get().health(),
                    (done, total) -> {
                        if (done == 1) {
                            firstWroteADay.countDown();
                            awaitQuietly(letFirstGoOn);
                        }
                    }));
            assertThat(firstWroteADay.await(60, TimeUnit.SECONDS)).isTrue();
            Future<HealthBackfillReport> second = nodes.submit(() -> backfill.run(today.minusDays(10), today, rules.get().health(),
                    HealthBackfill.Progress.NONE));
            await().atMost(Duration.ofSeconds(60)).until(() -> second.isDone() || waitingForAnotherBackfill());
            letFirstGoOn.countDown();
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            letFirstGoOn.countDown();
            nodes.shutdownNow();
        }

        assertThat(backfilledDays(steady.id())).hasSize(10).doesNotHaveDuplicates();
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

    @Test
    void givenASourceThatChurnedAnAccountMidPeriodAndLaterBroughtItBack_whenBackfilled_thenTheDaysBetweenAreNotScored() {
        LocalDate today = TestClock.today();
        TestData away = storedWithCoreUse("Crm Away Awhile", Segment.LOW_TOUCH, 60, 1, 40);
        TestData gone = storedWithCoreUse("Crm Gone For Good", Segment.LOW_TOUCH, 60, 1, 40);
        // the CRM said CHURNED 20 days ago at noon, after that day's 06:00 score, and VALUE again 10 days ago at noon
        Instant churned = noon(today.minusDays(20));
        Instant back = noon(today.minusDays(10));
        sourceMoves(away, Stage.VALUE, Stage.CHURNED, churned);
        sourceMoves(away, Stage.CHURNED, Stage.VALUE, back);
        sourceMoves(gone, Stage.VALUE, Stage.CHURNED, churned);

        backfill.run(today.minusDays(30), today, rules.get().health(), HealthBackfill.Progress.NONE);

        assertThat(backfilledDays(away.id())).containsExactlyElementsOf(Stream.concat(
                days(today.minusDays(30), today.minusDays(19)), days(today.minusDays(9), today)).toList());
        assertThat(backfilledDays(gone.id())).containsExactlyElementsOf(days(today.minusDays(30), today.minusDays(19)).toList());
    }

    @Test
    void givenAnOldReactivationImportedAfterASourceChurnedTheAccount_whenBackfilled_thenTheAccountStaysChurned() {
        LocalDate today = TestClock.today();
        TestData gone = storedWithCoreUse("Crm Churned Long Ago", Segment.LOW_TOUCH, 90, 1, 40);
        sourceMoves(gone, Stage.VALUE, Stage.CHURNED, noon(today.minusDays(50)));
        // a billing export dated before the CRM's churn: history, not news, live as in the backfill
        intake.accept(gone.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 60).signalsOnly());
        assertThat(accounts.find(gone.id()).orElseThrow().stage()).isEqualTo(Stage.CHURNED);

        backfill.run(today.minusDays(30), today, rules.get().health(), HealthBackfill.Progress.NONE);

        assertThat(backfilledDays(gone.id())).isEmpty();
    }

    @Test
    void givenARuleThatChurnedAnAccountMidPeriod_whenBackfilledFromBeforeOrAfterIt_thenTheDaysSinceAreNotScoredEitherWay() {
        LocalDate today = TestClock.today();
        TestData dormant = storedWithCoreUse("Rule Churned Works", Segment.LOW_TOUCH, 60, 1, 40);
        // a rule (playbook.moveStage CHURNED) churned it 20 days ago at noon, after that day's 06:00 score
        ruleMoves(dormant, Stage.VALUE, Stage.CHURNED, noon(today.minusDays(20)), "Dormant accounts are churned");

        backfill.run(today.minusDays(10), today, rules.get().health(), HealthBackfill.Progress.NONE);
        List<LocalDate> fromAfter = backfilledDays(dormant.id());
        backfill.run(today.minusDays(30), today, rules.get().health(), HealthBackfill.Progress.NONE);

        assertThat(fromAfter).as("churned when the backfill begins").isEmpty();
        assertThat(backfilledDays(dormant.id())).containsExactlyElementsOf(days(today.minusDays(30), today.minusDays(19)).toList());
    }

    /**
     * A rule moves the account on (ONBOARDING to ADOPTION) ten days ago; a cancellation dated twenty days ago is
     * imported after that: live, the account is churned since the cancellation. The backfill must not let the rule's
     * later move bring it back, since a rule never brings a churned account back.
     */
    @Test
    void givenARuleMoveMadeBeforeAnOlderCancellationWasImported_whenBackfilled_thenTheDaysSinceTheCancellationAreNotScored() {
        LocalDate today = TestClock.today();
        TestData moved = storedWithCoreUse("Moved Then Cancelled", Segment.LOW_TOUCH, 60, 1, 40);
        ruleMoves(moved, Stage.ONBOARDING, Stage.ADOPTION, noon(today.minusDays(10)), "Activated accounts are adopting");
        intake.accept(moved.next().billingAt(BillingEvent.SUBSCRIPTION_CANCELLED, noon(today.minusDays(20))).signalsOnly());

        backfill.run(today.minusDays(30), today, rules.get().health(), HealthBackfill.Progress.NONE);

        assertThat(backfilledDays(moved.id())).containsExactlyElementsOf(days(today.minusDays(30), today.minusDays(19)).toList());
    }

    @Test
    void givenFormerCustomersACrmNamesChurned_whenBackfilled_thenTheChurnReportCountsThemUntilTheyLeftAndNeverUnscored() {
        String csm = "backfill-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        LocalDate today = TestClock.today();
        TestData staying = TestData.account("Still Here Ltd", Segment.LOW_TOUCH).csm(csm).usage("core", 120, 1, 40);
        // gone before Tenure heard of it: the CRM export names it CHURNED, with the usage it had until it left
        TestData longGone = TestData.account("Long Gone Ltd", Segment.LOW_TOUCH).csm(csm).stage(Stage.CHURNED)
                .usage("core", 120, 100, 40);
        // the CRM said CHURNED 60 days ago at noon
        TestData leftLately = TestData.account("Left Lately Ltd", Segment.LOW_TOUCH).csm(csm).usage("core", 120, 61, 40);
        Stream.of(staying, longGone, leftLately).forEach(account -> intake.accept(account.batch()));
        sourceMoves(leftLately, Stage.VALUE, Stage.CHURNED, noon(today.minusDays(60)));

        backfill.run(today.minusDays(120), today, rules.get().health(), HealthBackfill.Progress.NONE);

        ChurnReport afterBoth = reports.churn(today.minusDays(45), today, null, csm, null);
        assertThat(band(afterBoth, "UNSCORED").accounts()).as("churned ones are not live accounts").isZero();
        assertThat(band(afterBoth, "GOOD").accounts()).isEqualTo(1);
        ChurnReport beforeTheLatest = reports.churn(today.minusDays(90), today.minusDays(45), null, csm, null);
        assertThat(band(beforeTheLatest, "UNSCORED").accounts()).isZero();
        assertThat(band(beforeTheLatest, "GOOD").accounts()).isEqualTo(2);
        assertThat(reports.distribution(today.minusDays(45), csm, null).all()).isEqualTo(new BandCounts(1, 0, 0, 0));
    }

    private boolean waitingForAnotherBackfill() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
                .query(Integer.class).single() > 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A source (a CRM's accounts file) moves the account's stage, dated in the past, the way the intake moves it. */
    private void sourceMoves(TestData account, Stage from, Stage to, Instant at) {
        transaction.executeWithoutResult(tx -> lifecycle.move(account.id(), from, to, at,
                ChangeCause.source("stage " + to + " from crm-accounts.csv"), TestClock.now()));
    }

    /** A rule ({@code playbook.moveStage}) moves the account's stage, dated in the past, the way an evaluation moves it. */
    private void ruleMoves(TestData account, Stage from, Stage to, Instant at, String rule) {
        transaction.executeWithoutResult(tx -> lifecycle.move(account.id(), from, to, at, ChangeCause.rule(rule), TestClock.now()));
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** The days [from, to). */
    private static Stream<LocalDate> days(LocalDate from, LocalDate to) {
        return from.datesUntil(to);
    }

    /** The days (UTC) on which the account has a backfilled score, oldest first. */
    private List<LocalDate> backfilledDays(String accountId) {
        return jdbc.sql("""
                        SELECT (computed_at AT TIME ZONE 'UTC')::date FROM health_score
                        WHERE account_id = ? AND origin = 'BACKFILL' ORDER BY computed_at""")
                .param(accountId).query(LocalDate.class).list();
    }

    /** The previous of the account's score of that day (UTC), whatever its origin. */
    private int previousOn(String accountId, LocalDate day) {
        return jdbc.sql("""
                        SELECT previous FROM health_score WHERE account_id = ?
                        AND computed_at >= ?::date AND computed_at < ?::date + 1""")
                .params(accountId, day.toString(), day.toString()).query(Integer.class).single();
    }

    /** The times of the account's scores whose previous is not the score stored before them (-1 for the first). */
    private List<Instant> brokenLinks(String accountId) {
        return jdbc.sql("""
                        SELECT computed_at FROM (
                            SELECT computed_at, previous,
                                   coalesce(lag(score) OVER (ORDER BY computed_at, id), -1) AS before
                            FROM health_score WHERE account_id = ?) s
                        WHERE previous <> before ORDER BY computed_at""")
                .param(accountId).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    /** Another model: support alone, a steady account without tickets scores 100 by it. */
    private static HealthModel supportOnly(HealthModel model) {
        WeightedInput support = model.components().stream().filter(c -> c.inputName().equals("supportLoad")).findFirst()
                .orElseThrow();
        return new HealthModel("support-only", List.of(new WeightedInput("support", support.inputName(), support.input(), 1.0)),
                model.bands());
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
