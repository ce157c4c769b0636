package dev.tenure.engine.metrics;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.accounts.Milestones;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.plays.AccountLifecycle;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics' SQL against PostgreSQL: signals go in through the intake as a source would send them; each
 * test's accounts share a CSM of their own, so the figures are read for that CSM alone.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class MetricsIntegrationTest {

    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;
    @Autowired Milestones milestones;
    @Autowired Surveys surveys;
    @Autowired TimeToValueReport timeToValue;
    @Autowired QbrReport qbrs;
    @Autowired AccountLifecycle lifecycle;
    @Autowired TransactionTemplate transactions;

    static final ReportPeriod Q1 = new ReportPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-04-01"));

    static String newCsm() {
        return "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
    }

    /** The account with these signals besides TestData's own. */
    void deliver(TestData account, Signal... signals) {
        Batch base = account.batch();
        List<Labeled<Signal>> all = new ArrayList<>(base.signals());
        for (Signal s : signals) {
            all.add(new Labeled<>(s.kind() + " " + s.externalId(), s));
        }
        intake.accept(new Batch(base.accounts(), base.contacts(), all));
    }

    static BillingSignal mrr(TestData account, String at, String amount, String currency) {
        return new BillingSignal("test", account.id() + "-mrr-" + at, account.id(), Instant.parse(at), BillingEvent.MRR_CHANGED,
                new BigDecimal(amount), currency, null);
    }

    static BillingSignal cancelled(TestData account, String at) {
        return new BillingSignal("test", account.id() + "-cancel-" + at, account.id(), Instant.parse(at),
                BillingEvent.SUBSCRIPTION_CANCELLED, null, "USD", null);
    }

    @Test
    void revenue_converts_each_currency_at_its_rate_and_leaves_out_an_account_whose_currency_has_no_rate() {
        String csm = newCsm();
        TestData dollars = TestData.account("Dollar Freight", Segment.HIGH_TOUCH).csm(csm);
        TestData euros = TestData.account("Euro Logistics", Segment.LOW_TOUCH).csm(csm);
        TestData pounds = TestData.account("Sterling Goods", Segment.LOW_TOUCH).csm(csm);
        deliver(dollars, mrr(dollars, "2025-12-10T09:00:00Z", "1000", "USD"), cancelled(dollars, "2026-02-10T09:00:00Z"));
        deliver(euros, mrr(euros, "2025-12-01T09:00:00Z", "500", "EUR"), mrr(euros, "2026-01-15T09:00:00Z", "600", "EUR"));
        deliver(pounds, mrr(pounds, "2025-12-01T09:00:00Z", "700", "GBP"));
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of("EUR", new BigDecimal("1.10")), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(Q1, GroupBy.MONTH, csm);

        // January: start 1000 + 550 (500 EUR); the euro account grows to 660 (600 EUR): expansion 110
        MrrMovements january = report.rows().get(0).figures().movements();
        assertThat(january.startingMrr()).isEqualByComparingTo("1550.00");
        assertThat(january.expansion()).isEqualByComparingTo("110.00");
        assertThat(report.rows().get(0).figures().rates().nrr()).isEqualByComparingTo("107.1");   // 1660 / 1550
        // February: the dollar account cancels: 1000 of 1660 churned
        RetentionRates february = report.rows().get(1).figures().rates();
        assertThat(february.nrr()).isEqualByComparingTo("39.8");             // 660 / 1660
        assertThat(february.logoChurnRate()).isEqualByComparingTo("50.0");
        assertThat(february.revenueChurnRate()).isEqualByComparingTo("60.2"); // 1000 / 1660
        assertThat(report.currency()).isEqualTo("USD");
        assertThat(report.leftOut()).extracting(MetricsReport.LeftOut::accountId, MetricsReport.LeftOut::currency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(pounds.id(), "GBP"));
        assertThat(report.leftOut().get(0).reason()).contains("tenure.metrics.rates.GBP");
    }

    @Test
    void a_cancellation_without_an_mrr_event_churns_the_accounts_arr_over_twelve_and_a_change_to_zero_beside_it_churns_once() {
        String csm = newCsm();
        // no MRR event ever: pays 24,000 / 12 = 2,000 from its start, cancels in February
        TestData silent = TestData.account("Silent Sawmill", Segment.LOW_TOUCH).csm(csm);
        // MRR known (1,000); the billing system sends a change to 0 and the cancellation together
        TestData known = TestData.account("Known Kiln", Segment.HIGH_TOUCH).csm(csm);
        // no MRR event, no cancellation: 12,000 / 12 = 1,000 all along
        TestData steady = TestData.account("Steady Smithy", Segment.LOW_TOUCH).csm(csm).arr(new BigDecimal("12000"));
        deliver(silent, cancelled(silent, "2026-02-10T09:00:00Z"));
        deliver(known, mrr(known, "2025-12-01T09:00:00Z", "1000", "USD"), mrr(known, "2026-02-10T09:00:00Z", "0", "USD"),
                cancelled(known, "2026-02-10T09:00:00Z"));
        deliver(steady);
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(Q1, GroupBy.MONTH, csm);

        MrrMovements january = report.rows().get(0).figures().movements();
        assertThat(january.startingMrr()).isEqualByComparingTo("4000.00");
        assertThat(january.accountsAtStart()).isEqualTo(3);
        MrrMovements february = report.rows().get(1).figures().movements();
        assertThat(february.churn()).isEqualByComparingTo("3000.00");   // 2,000 + 1,000, each once
        assertThat(february.accountsChurned()).isEqualTo(2);
        assertThat(february.endingMrr()).isEqualByComparingTo("1000.00");
        assertThat(report.rows().get(1).figures().rates().logoChurnRate()).isEqualByComparingTo("66.7");
        assertThat(report.total().figures().movements().accountsChurned()).isEqualTo(2);
        // a period before the cancellation already sees the silent account paying
        ReportPeriod december = new ReportPeriod(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-01-01"));
        assertThat(revenue.report(december, GroupBy.MONTH, csm).total().figures().movements().endingMrr())
                .isEqualByComparingTo("4000.00");
    }

    @Test
    void a_churn_the_crm_or_a_rule_records_without_a_cancellation_churns_what_the_account_paid_and_its_return_brings_it_back() {
        String csm = newCsm();
        // each pays 24,000 / 12 = 2,000 a month; none has an MRR event
        TestData leftInCrm = TestData.account("Crm Left", Segment.LOW_TOUCH).csm(csm);
        TestData returned = TestData.account("Crm Returned", Segment.LOW_TOUCH).csm(csm);
        TestData cancelledToo = TestData.account("Crm And Billing", Segment.LOW_TOUCH).csm(csm);
        for (TestData account : List.of(leftInCrm, returned, cancelledToo)) {
            intake.accept(account.batch());
            intake.accept(account.next().stage(Stage.CHURNED).batch());
        }
        intake.accept(returned.next().stage(Stage.VALUE).batch());
        deliver(cancelledToo.next().stage(Stage.CHURNED), cancelled(cancelledToo, TestClock.now().toString()));
        // A rule churned it first; the CRM's CHURNED after it moves nothing, and it counts all the same.
        TestData ruleFirst = TestData.account("Rule Then Crm", Segment.LOW_TOUCH).csm(csm);
        intake.accept(ruleFirst.batch());
        transactions.executeWithoutResult(tx -> lifecycle.move(ruleFirst.id(), Stage.VALUE, Stage.CHURNED, TestClock.now(),
                ChangeCause.rule("No use for 90 days: the account has left"), TestClock.now()));
        intake.accept(ruleFirst.next().stage(Stage.CHURNED).batch());
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));
        LocalDate month = TestClock.today().withDayOfMonth(1);

        MrrMovements movements = revenue.report(new ReportPeriod(month, month.plusMonths(1)), GroupBy.MONTH, csm)
                .total().figures().movements();

        assertThat(movements.startingMrr()).isEqualByComparingTo("8000.00");
        assertThat(movements.churn()).isEqualByComparingTo("6000.00");   // the CRM's churn, the rule's, and the other's once
        assertThat(movements.accountsChurned()).isEqualTo(3);
        assertThat(movements.endingMrr()).isEqualByComparingTo("2000.00"); // the one that came back pays on
    }

    static BillingSignal reactivated(TestData account, String at) {
        return new BillingSignal("test", account.id() + "-reactivate-" + at, account.id(), Instant.parse(at),
                BillingEvent.SUBSCRIPTION_REACTIVATED, null, "USD", null);
    }

    @Test
    void a_reactivation_without_an_mrr_event_brings_back_what_the_account_paid_and_a_second_cancellation_churns_it_again() {
        String csm = newCsm();
        // no MRR event ever: pays 24,000 / 12 = 2,000; cancels in August, is back in September, cancels again in November
        TestData returning = TestData.account("Returning Rivets", Segment.LOW_TOUCH).csm(csm);
        deliver(returning, cancelled(returning, "2026-08-05T09:00:00Z"), reactivated(returning, "2026-09-14T09:00:00Z"),
                cancelled(returning, "2026-11-10T09:00:00Z"));
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(
                new ReportPeriod(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-12-01")), GroupBy.MONTH, csm);

        MrrMovements august = report.rows().get(0).figures().movements();
        assertThat(august.churn()).isEqualByComparingTo("2000.00");
        assertThat(august.accountsChurned()).isEqualTo(1);
        MrrMovements september = report.rows().get(1).figures().movements();
        assertThat(september.reactivation()).isEqualByComparingTo("2000.00");
        assertThat(september.newMrr()).isEqualByComparingTo("0.00");
        assertThat(september.endingMrr()).isEqualByComparingTo("2000.00");
        MrrMovements october = report.rows().get(2).figures().movements();
        assertThat(october.startingMrr()).isEqualByComparingTo("2000.00");
        assertThat(october.endingMrr()).isEqualByComparingTo("2000.00");
        MrrMovements november = report.rows().get(3).figures().movements();
        assertThat(november.churn()).isEqualByComparingTo("2000.00");
        assertThat(november.accountsChurned()).isEqualTo(1);
        assertThat(november.endingMrr()).isEqualByComparingTo("0.00");
        // over the four months: it paid 2,000 at the start and nothing at the end
        MrrMovements whole = report.total().figures().movements();
        assertThat(whole.churn()).isEqualByComparingTo("2000.00");
        assertThat(whole.reactivation()).isEqualByComparingTo("0.00");
    }

    @Test
    void a_former_customer_imported_as_churned_pays_nothing_until_it_comes_back_and_then_its_return_is_a_reactivation() {
        String csm = newCsm();
        // The CRM's export lists two customers that left before Tenure, CHURNED with the ARR they paid, no billing signal.
        TestData gone = TestData.account("Gone Glassworks", Segment.LOW_TOUCH).csm(csm).stage(Stage.CHURNED);
        TestData back = TestData.account("Back Bakery", Segment.LOW_TOUCH).csm(csm).stage(Stage.CHURNED);
        // and one customer paying 24,000 / 12 = 2,000 all along
        TestData steady = TestData.account("Steady Stables", Segment.LOW_TOUCH).csm(csm);
        deliver(gone);
        deliver(steady);
        deliver(back, reactivated(back, "2026-09-14T09:00:00Z"));
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(
                new ReportPeriod(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-10-01")), GroupBy.MONTH, csm);

        MrrMovements august = report.rows().get(0).figures().movements();
        assertThat(august.startingMrr()).as("the steady customer's alone").isEqualByComparingTo("2000.00");
        assertThat(august.accountsAtStart()).isEqualTo(1);
        assertThat(august.endingMrr()).isEqualByComparingTo("2000.00");
        MrrMovements september = report.rows().get(1).figures().movements();
        assertThat(september.reactivation()).as("the one that came back pays its ARR / 12 again").isEqualByComparingTo("2000.00");
        assertThat(september.newMrr()).isEqualByComparingTo("0.00");
        assertThat(september.churn()).isEqualByComparingTo("0.00");
        assertThat(september.endingMrr()).isEqualByComparingTo("4000.00");
    }

    @Test
    void a_cancellation_and_a_reactivation_within_a_month_net_out_and_the_account_pays_on() {
        String csm = newCsm();
        TestData back = TestData.account("Back Again Bakery", Segment.LOW_TOUCH).csm(csm);
        deliver(back, cancelled(back, "2026-10-05T09:00:00Z"), reactivated(back, "2026-10-20T09:00:00Z"));
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(
                new ReportPeriod(LocalDate.parse("2026-10-01"), LocalDate.parse("2027-01-01")), GroupBy.MONTH, csm);

        MrrMovements october = report.rows().get(0).figures().movements();
        assertThat(october.churn()).isEqualByComparingTo("0.00");
        assertThat(october.accountsChurned()).isZero();
        assertThat(october.endingMrr()).isEqualByComparingTo("2000.00");
        assertThat(report.rows().get(2).figures().movements().endingMrr()).isEqualByComparingTo("2000.00");
    }

    @Test
    void a_reactivation_brings_back_the_last_mrr_paid_not_the_zero_sent_with_the_cancellation_and_an_mrr_event_beside_it_wins() {
        String csm = newCsm();
        // MRR known (1,500); a change to 0 comes with the cancellation; back in September without an MRR event
        TestData known = TestData.account("Known Quarry", Segment.HIGH_TOUCH).csm(csm);
        // MRR known (1,000); back in September on a new price, sent at the moment of the reactivation
        TestData repriced = TestData.account("Repriced Rope", Segment.HIGH_TOUCH).csm(csm);
        deliver(known, mrr(known, "2026-06-01T09:00:00Z", "1500", "USD"), mrr(known, "2026-08-05T09:00:00Z", "0", "USD"),
                cancelled(known, "2026-08-05T09:00:00Z"), reactivated(known, "2026-09-14T09:00:00Z"));
        deliver(repriced, mrr(repriced, "2026-06-01T09:00:00Z", "1000", "USD"), cancelled(repriced, "2026-08-05T09:00:00Z"),
                mrr(repriced, "2026-09-14T09:00:00Z", "1800", "USD"), reactivated(repriced, "2026-09-14T09:00:00Z"));
        Revenue revenue = new Revenue(jdbc, new MetricsProperties("USD", Map.of(), "qbr", 10));

        MetricsReport<RevenueFigures> report = revenue.report(
                new ReportPeriod(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-10-01")), GroupBy.MONTH, csm);

        assertThat(report.rows().get(0).figures().movements().churn()).isEqualByComparingTo("2500.00");
        MrrMovements september = report.rows().get(1).figures().movements();
        assertThat(september.reactivation()).isEqualByComparingTo("3300.00");   // 1,500 + 1,800
        assertThat(september.endingMrr()).isEqualByComparingTo("3300.00");
    }

    @Test
    void nps_counts_each_contact_once_with_their_latest_answer_and_csat_counts_every_answer() {
        String csm = newCsm();
        TestData acme = TestData.account("Survey Corp", Segment.HIGH_TOUCH).csm(csm);
        String id = acme.id();
        deliver(acme,
                new NpsSignal("test", id + "-n1", id, Instant.parse("2026-03-02T10:00:00Z"), "pat@survey.test", 3, null),
                new NpsSignal("test", id + "-n2", id, Instant.parse("2026-03-20T10:00:00Z"), "pat@survey.test", 10, null),
                new NpsSignal("test", id + "-n3", id, Instant.parse("2026-03-05T10:00:00Z"), "sam@survey.test", 8, null),
                new NpsSignal("test", id + "-n4", id, Instant.parse("2026-02-05T10:00:00Z"), "sam@survey.test", 2, null),
                new CsatSignal("test", id + "-c1", id, Instant.parse("2026-03-06T10:00:00Z"), "sam@survey.test", 5, "T-1"),
                new CsatSignal("test", id + "-c2", id, Instant.parse("2026-03-07T10:00:00Z"), "sam@survey.test", 4, "T-2"),
                new CsatSignal("test", id + "-c3", id, Instant.parse("2026-03-08T10:00:00Z"), "pat@survey.test", 2, "T-3"));

        MetricsReport<SurveyFigures> report = surveys.report(Q1, GroupBy.MONTH, csm);

        SurveyFigures february = report.rows().get(1).figures();
        assertThat(february.nps()).isEqualTo(new NetPromoterScore(1, 0, 0, 1, new BigDecimal("-100.0")));
        SurveyFigures march = report.rows().get(2).figures();
        // pat's latest is 10 (promoter), sam's 8 (passive): (1 − 0) / 2
        assertThat(march.nps()).isEqualTo(new NetPromoterScore(2, 1, 1, 0, new BigDecimal("50.0")));
        assertThat(march.csat()).isEqualTo(new CustomerSatisfaction(3, 2, new BigDecimal("66.7")));
        // over the quarter sam's latest is still the 8 of March
        assertThat(report.total().figures().nps().nps()).isEqualByComparingTo("50.0");
    }

    @Test
    void time_to_value_is_the_median_of_days_from_start_to_first_value_per_cohort() {
        String csm = newCsm();
        LocalDate today = TestClock.today();
        List<TestData> accounts = new ArrayList<>();
        int[] days = {12, 20, 30, 8};
        for (int d : days) {
            TestData a = TestData.account("Value Co " + d, Segment.LOW_TOUCH).csm(csm).startedDaysAgo(100);
            intake.accept(a.batch());
            milestones.reach(a.id(), MilestoneType.FIRST_VALUE,
                    today.minusDays(100 - d).atTime(15, 0).toInstant(ZoneOffset.UTC), "test");
            accounts.add(a);
        }
        intake.accept(TestData.account("Still Waiting", Segment.LOW_TOUCH).csm(csm).startedDaysAgo(100).batch());

        MetricsReport<TimeToValue> report = timeToValue.report(new ReportPeriod(today.minusDays(150), today.plusDays(1)),
                GroupBy.SEGMENT, csm);

        // 8, 12, 20, 30: (12 + 20) / 2
        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.group()).isEqualTo("LOW_TOUCH");
            assertThat(row.figures()).isEqualTo(new TimeToValue(5, 4, new BigDecimal("16.0")));
        });
        MetricsReport<TimeToValue> byCohort = timeToValue.report(ReportPeriod.of(YearMonth.from(today.minusDays(100))),
                GroupBy.MONTH, csm);
        assertThat(byCohort.total().figures().medianDays()).isEqualByComparingTo("16.0");
    }

    @Test
    void qbr_completion_is_the_share_of_qbr_tasks_due_in_the_period_that_are_done() {
        String csm = newCsm();
        TestData acme = TestData.account("Quarterly Corp", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(acme.batch());
        jdbc.sql("INSERT INTO rule_set (version, files, rules) VALUES ('metrics-test', '{}', '[]') ON CONFLICT DO NOTHING").update();
        qbrTask(acme.id(), "qbr", "2026-01-20T09:00:00Z", "DONE");
        qbrTask(acme.id(), "qbr", "2026-02-20T09:00:00Z", "OPEN");
        qbrTask(acme.id(), "qbr", "2026-03-20T09:00:00Z", "DONE");
        qbrTask(acme.id(), "save-usage-drop", "2026-03-21T09:00:00Z", "OPEN");
        qbrTask(acme.id(), "qbr", "2026-04-20T09:00:00Z", "OPEN");

        MetricsReport<QbrCompletion> report = qbrs.report(Q1, GroupBy.MONTH, csm);

        assertThat(report.total().figures()).isEqualTo(new QbrCompletion(3, 2, new BigDecimal("66.7")));
        assertThat(report.rows()).extracting(r -> r.figures().rate())
                .containsExactly(new BigDecimal("100.0"), new BigDecimal("0.0"), new BigDecimal("100.0"));
    }

    private void qbrTask(String accountId, String play, String due, String status) {
        Timestamp at = Timestamp.from(Instant.parse(due).minus(14, ChronoUnit.DAYS));
        long run = jdbc.sql("""
                        INSERT INTO play_run (account_id, play_id, play_name, status, started_at, rule_name, rule_set_version, matched_facts)
                        VALUES (?, ?, ?, 'RUNNING', ?, 'test', 'metrics-test', '{}') RETURNING id""")
                .params(accountId, play, play, at).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO task (account_id, run_id, owner, title, priority, status, due_at, created_at)
                        VALUES (?, ?, 'csm@tenure.test', 'QBR', 'NORMAL', ?, ?, ?)""")
                .params(accountId, run, status, Timestamp.from(Instant.parse(due)), at).update();
    }
}
