package dev.tenure.engine.backtest;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.BillingEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static dev.tenure.engine.backtest.BacktestFixture.DETRACTOR;
import static dev.tenure.engine.backtest.BacktestFixture.FAILED_PAYMENT;
import static dev.tenure.engine.backtest.BacktestFixture.RECENT_TICKET;
import static dev.tenure.engine.backtest.BacktestFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

/** The fixture's five accounts replayed in memory: every count, score and lead time as worked out by hand. */
class HandComputedBacktestUnitTest {

    static final String WIN_BACK = "A churned customer answered: win them back";

    final BacktestFixture fixture = new BacktestFixture("unit");

    BacktestReport replay(int workers) {
        return fixture.replayInMemory(workers);
    }

    static RuleReport rule(BacktestReport report, String name) {
        return report.rules().stream().filter(r -> r.rule().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_detractor_rule_caught_two_of_three_cancellations_with_a_median_lead_of_22_and_a_half_days() {
        RuleReport detractor = rule(replay(1), DETRACTOR);

        assertThat(detractor.file()).isEqualTo("churn/detractor.drl");
        assertThat(detractor.churnRule()).isTrue();
        assertThat(detractor.plays()).containsExactly("call-back");
        assertThat(detractor.playsStarted()).as("A's second answer fell in the cooldown; D had churned when it answered")
                .isEqualTo(3);
        assertThat(detractor.accounts()).extracting(RuleReport.AlertedAccount::accountId)
                .containsExactly(fixture.a, fixture.b, fixture.c);
        assertThat(detractor.accounts().get(0).firstStarted()).isEqualTo(at("2011-01-10"));
        assertThat(detractor.accounts().get(0).cancelledAt()).isEqualTo(at("2011-02-09"));

        ChurnScore score = detractor.churn();
        assertThat(score.alertedAccounts()).as("A, B, C: D's answer came after it cancelled and started nothing").isEqualTo(3);
        assertThat(score.cancelledAccounts()).isEqualTo(3);
        assertThat(score.caughtAccounts()).isEqualTo(2);
        assertThat(score.precision()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(score.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(score.medianLeadTime()).isEqualTo(Duration.ofHours(540));
        assertThat(score.medianLeadDays()).isEqualTo(22.5);
    }

    @Test
    void the_payment_rule_did_not_fire_again_once_the_account_had_cancelled() {
        RuleReport payment = rule(replay(1), FAILED_PAYMENT);

        // B's cooldown ended on Feb 24, after it cancelled on Feb 4 (and its failure no longer counted after 30 days).
        assertThat(payment.playsStarted()).isEqualTo(2);
        assertThat(payment.accounts()).extracting(RuleReport.AlertedAccount::accountId, RuleReport.AlertedAccount::playsStarted)
                .containsExactly(tuple(fixture.e, 1), tuple(fixture.b, 1));
        assertThat(payment.churn().precision()).isEqualTo(0.5);
        assertThat(payment.churn().recall()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(payment.churn().medianLeadTime()).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void a_journey_rule_is_reported_but_not_counted_among_the_churn_rules() {
        BacktestReport report = replay(1);
        RuleReport tickets = rule(report, RECENT_TICKET);

        assertThat(tickets.churnRule()).isFalse();
        assertThat(tickets.playsStarted()).as("running 5 days, then in cooldown").isEqualTo(1);
        assertThat(tickets.churn().precision()).isZero();
        assertThat(tickets.churn().medianLeadTime()).isNull();

        ChurnScore together = report.churnRules();
        assertThat(together.alertedAccounts()).as("A, B, C, E").isEqualTo(4);
        assertThat(together.caughtAccounts()).isEqualTo(2);
        assertThat(together.precision()).isEqualTo(0.5);
        assertThat(together.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(together.medianLeadDays()).as("A 30 days, B 15 days (its detractor alert came first)").isEqualTo(22.5);
    }

    @Test
    void history_is_read_but_not_evaluated_and_cancellations_are_listed_in_order() {
        BacktestReport report = replay(1);

        assertThat(report.signalsReplayed()).isEqualTo(12);
        assertThat(report.historySignals()).as("C's NPS 9 and E's payment in December").isEqualTo(2);
        assertThat(report.cancellations()).extracting(BacktestReport.Cancellation::accountId)
                .containsExactly(fixture.d, fixture.b, fixture.a);
        assertThat(report.dailyEvaluations()).isPositive();
    }

    @Test
    void every_alert_is_listed_in_time_order_with_its_lead_and_whether_it_caught_a_cancellation() {
        BacktestReport report = replay(1);

        assertThat(report.alerts()).hasSize((int) report.rules().stream().mapToLong(RuleReport::playsStarted).sum());
        assertThat(report.alerts()).isSortedAccordingTo(java.util.Comparator.comparing(Alert::at));
        assertThat(report.alerts()).filteredOn(a -> a.accountId().equals(fixture.b))
                .extracting(Alert::rule, Alert::at, Alert::leadDays, Alert::caught)
                .as("none once B cancelled: it was CHURNED")
                .containsExactly(tuple(DETRACTOR, at("2011-01-20"), 15.0, true), tuple(FAILED_PAYMENT, at("2011-01-25"), 10.0, true));
        assertThat(report.alerts()).as("D answered NPS after it cancelled").noneMatch(a -> a.accountId().equals(fixture.d));
        assertThat(report.alerts()).filteredOn(a -> a.accountId().equals(fixture.c)).extracting(Alert::file, Alert::cancelledAt)
                .containsExactly(tuple("churn/detractor.drl", null), tuple("journey/tickets.drl", null));
    }

    @Test
    void a_window_of_20_days_keeps_the_alerts_of_15_and_10_days_and_drops_the_one_of_30() {
        BacktestReport report = fixture.replayInMemory(1, 20);
        ChurnScore detractor = rule(report, DETRACTOR).churn();

        assertThat(report.windowDays()).isEqualTo(20);
        assertThat(detractor.alertedAccounts()).as("A, B, C").isEqualTo(3);
        assertThat(detractor.caughtAccounts()).as("only B").isEqualTo(1);
        assertThat(detractor.medianLeadDays()).isEqualTo(15.0);
        assertThat(report.churnRules().caughtAccounts()).isEqualTo(1);
        assertThat(report.churnRules().medianLeadDays()).as("B, from its detractor alert").isEqualTo(15.0);
        assertThat(rule(report, DETRACTOR).accounts()).filteredOn(a -> a.accountId().equals(fixture.a))
                .extracting(RuleReport.AlertedAccount::caught).containsExactly(false);
    }

    @Test
    void the_churn_rules_together_count_every_alert_and_the_alerts_on_healthy_accounts() {
        ChurnScore together = replay(1).churnRules();

        assertThat(together.alerts()).as("A 1, B 2, C 1, E 1; none once an account cancelled").isEqualTo(5);
        assertThat(together.catchingAlerts()).as("A's, B's detractor and first payment alert").isEqualTo(3);
        assertThat(together.healthyAccounts()).as("C and E").isEqualTo(2);
        assertThat(together.alertsOnHealthyAccounts()).isEqualTo(2);
        assertThat(together.alertsPerHealthyAccountMonth()).isCloseTo(2 / (2 * (59 / (365.25 / 12))), within(1e-9));
        assertThat(together.earlyCancellations()).as("all three fall in the first 90 days").isEqualTo(3);
        assertThat(together.laterRecall()).isNull();
    }

    @Test
    void health_bands_at_the_start_of_each_whole_30_day_slice_are_tallied_against_cancellations_in_it() {
        HealthSeparation health = replay(1).health();

        assertThat(health.sliceDays()).isEqualTo(30);
        assertThat(health.slices()).as("59 days: one whole slice").isEqualTo(1);
        assertThat(health.report().bands().stream().mapToInt(b -> b.accounts()).sum()).as("all five, once").isEqualTo(5);
        assertThat(health.report().bands().stream().flatMap(b -> b.lost().stream()).map(o -> o.accountId()))
                .as("D cancelled on Jan 15, within the slice; A and B in February").containsExactly(fixture.d);
    }

    @Test
    void an_account_starts_no_play_once_it_has_cancelled() {
        BacktestReport report = replay(1);

        // D cancelled on Jan 15 and answered NPS 1 on Jan 20: it was CHURNED by then, as the live engine would have it.
        assertThat(report.rules()).flatExtracting(RuleReport::accounts).extracting(RuleReport.AlertedAccount::accountId)
                .doesNotContain(fixture.d);
    }

    @Test
    void an_account_churned_before_the_period_is_no_healthy_account_and_has_no_health_band() {
        BacktestReport report = new BacktestFixture("former").withFormerCustomer("bt-gone-former").replayInMemory(1);

        assertThat(report.churnRules().healthyAccounts()).as("C and E, not the former customer").isEqualTo(2);
        assertThat(report.health().report().bands().stream().mapToInt(b -> b.accounts()).sum()).as("the five customers").isEqualTo(5);
    }

    @Test
    void a_cancellation_billed_in_the_period_for_an_account_churned_before_it_is_no_cancellation_the_rules_could_have_foretold() {
        // The CRM churned it in December; the billing system cancels the subscription at the end of its term, in January.
        String gone = "bt-gone-late";
        BacktestReport report = new BacktestFixture("late").withFormerCustomer(gone)
                .billing(gone, "2011-01-20", BillingEvent.SUBSCRIPTION_CANCELLED).replayInMemory(1);

        assertThat(report.cancellations()).extracting(BacktestReport.Cancellation::accountId).doesNotContain(gone);
        ChurnScore together = report.churnRules();
        assertThat(together.cancelledAccounts()).as("A, B and D").isEqualTo(3);
        assertThat(together.recall()).isEqualTo(replay(1).churnRules().recall());
        assertThat(together.healthyAccounts()).as("C and E").isEqualTo(2);
    }

    @Test
    void a_former_customer_that_came_back_in_the_period_and_cancelled_again_is_a_customer_that_cancelled() {
        String back = "bt-back-again";
        BacktestReport report = new BacktestFixture("back").withFormerCustomer(back)
                .billing(back, "2011-01-05", BillingEvent.SUBSCRIPTION_REACTIVATED).nps(back, "2011-01-20", 2)
                .billing(back, "2011-02-10", BillingEvent.SUBSCRIPTION_CANCELLED).replayInMemory(1);

        assertThat(report.accounts()).as("the five customers, and the one that came back").isEqualTo(6);
        ChurnScore together = report.churnRules();
        assertThat(together.cancelledAccounts()).isEqualTo(4);
        assertThat(together.caughtAccounts()).as("A, B, and the returned one by its detractor alert 21 days ahead").isEqualTo(3);
        assertThat(together.healthyAccounts()).as("C and E: the returned one cancelled").isEqualTo(2);
        assertThat(together.alertsPerHealthyAccountMonth()).isEqualTo(replay(1).churnRules().alertsPerHealthyAccountMonth());
    }

    @Test
    void an_alert_after_a_return_is_judged_against_the_cancellation_that_followed_it_not_the_one_before() {
        String twice = "bt-twice";
        BacktestReport report = new BacktestFixture("twice").withFormerCustomer(twice)
                .billing(twice, "2011-01-05", BillingEvent.SUBSCRIPTION_REACTIVATED)
                .billing(twice, "2011-01-12", BillingEvent.SUBSCRIPTION_CANCELLED)
                .billing(twice, "2011-01-15", BillingEvent.SUBSCRIPTION_REACTIVATED).nps(twice, "2011-01-20", 2)
                .billing(twice, "2011-02-10", BillingEvent.SUBSCRIPTION_CANCELLED).replayInMemory(1);

        assertThat(report.alerts()).filteredOn(a -> a.accountId().equals(twice))
                .extracting(Alert::rule, Alert::cancelledAt, Alert::leadDays, Alert::caught)
                .containsExactly(tuple(DETRACTOR, at("2011-02-10"), 21.0, true));
        ChurnScore together = report.churnRules();
        assertThat(together.cancelledAccounts()).as("A, B, D and the one that cancelled twice, once").isEqualTo(4);
        assertThat(together.caughtAccounts()).isEqualTo(3);
        assertThat(together.alerts()).as("the five of the customers, and this one").isEqualTo(6);
        assertThat(together.medianLeadDays()).as("15, 21 and 30 days").isEqualTo(21.0);
        assertThat(report.cancellations()).filteredOn(c -> c.accountId().equals(twice))
                .extracting(BacktestReport.Cancellation::at).as("the first, as the cancellations are listed")
                .containsExactly(at("2011-01-12"));
        assertThat(report.rules()).filteredOn(r -> r.rule().equals(DETRACTOR)).flatExtracting(RuleReport::accounts)
                .filteredOn(a -> a.accountId().equals(twice))
                .extracting(RuleReport.AlertedAccount::cancelledAt, RuleReport.AlertedAccount::caught)
                .as("the rule's account row names the cancellation it caught").containsExactly(tuple(at("2011-02-10"), true));
    }

    @Test
    void an_alert_on_an_account_that_came_back_and_did_not_cancel_again_is_a_false_alarm_on_a_customer() {
        String back = "bt-returned";
        BacktestReport report = new BacktestFixture("returned").withCustomer(back)
                .billing(back, "2011-01-10", BillingEvent.SUBSCRIPTION_CANCELLED)
                .billing(back, "2011-01-12", BillingEvent.SUBSCRIPTION_REACTIVATED).nps(back, "2011-01-20", 2)
                .replayInMemory(1);
        ChurnScore without = replay(1).churnRules();

        assertThat(report.alerts()).filteredOn(a -> a.accountId().equals(back))
                .extracting(Alert::rule, Alert::cancelledAt, Alert::leadDays, Alert::caught, Alert::afterCancellation)
                .as("a paying customer again when it was alerted, and it did not cancel again: the alert foretold nothing")
                .containsExactly(tuple(DETRACTOR, null, null, false, false));
        ChurnScore together = report.churnRules();
        assertThat(together.alerts()).as("the fixture's alerts and this one").isEqualTo(without.alerts() + 1);
        assertThat(together.alertedAccounts()).as("A, B, C, E and this one").isEqualTo(5);
        assertThat(together.cancelledAccounts()).as("A, B, D and this one, not foretold").isEqualTo(4);
        assertThat(together.caughtAccounts()).isEqualTo(2);
        assertThat(together.precision()).isCloseTo(2 / 5.0, within(1e-9));
        assertThat(together.alertPrecision()).isCloseTo(without.catchingAlerts() / (without.alerts() + 1.0), within(1e-9));
        assertThat(together.healthyAccounts()).as("C and E: this one cancelled").isEqualTo(2);
        assertThat(together.alertsOnHealthyAccounts()).as("on C and E only").isEqualTo(without.alertsOnHealthyAccounts());
        assertThat(rule(report, DETRACTOR).accounts()).filteredOn(a -> a.accountId().equals(back))
                .extracting(RuleReport.AlertedAccount::cancelledAt, RuleReport.AlertedAccount::caught)
                .containsExactly(tuple(null, false));
    }

    /**
     * A customer cancels on January 10 and, churned, answers NPS 2 on January 15, which starts a win-back play (a journey
     * rule, for churned accounts); on January 25 the billing system cancels its other subscription. Live, that second
     * cancellation moved nothing: the account had been CHURNED since January 10 and never came back. So it is no new
     * cancellation: the win-back alert came after the account had left and is judged against January 10, warning nobody,
     * not counted as catching a cancellation 10 days ahead; the report is the one without the second cancellation.
     */
    @Test
    void a_second_cancellation_of_an_account_still_churned_is_no_new_cancellation_for_any_rule() {
        String gone = "bt-cancelled-twice";
        RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.of(Stream.concat(BacktestFixture.rules().files().stream(),
                Stream.of(new RuleFile("journey/win-back.drl", """
                        package journey;

                        import dev.tenure.engine.vocabulary.*;

                        global Playbook playbook;

                        rule "%s"
                        when
                            $a : Account( stage == Stage.CHURNED )
                            NpsSignal( accountId == $a.id )
                        then
                            playbook.start("win-back", $a);
                        end
                        """.formatted(WIN_BACK)), new RuleFile("plays/win-back.yml", """
                        name: win-back
                        goal: The customer comes back
                        accounts: churned
                        cooldown: 365d
                        steps:
                          - type: task
                            delay: 0d
                            title: "Call them"
                        """))).toList()));
        BacktestReport once = new BacktestFixture("once").withCustomer(gone)
                .billing(gone, "2011-01-10", BillingEvent.SUBSCRIPTION_CANCELLED).nps(gone, "2011-01-15", 2)
                .replayInMemory(rules, 1, BacktestReport.DEFAULT_WINDOW_DAYS);

        BacktestReport twice = new BacktestFixture("once").withCustomer(gone)
                .billing(gone, "2011-01-10", BillingEvent.SUBSCRIPTION_CANCELLED).nps(gone, "2011-01-15", 2)
                .billing(gone, "2011-01-25", BillingEvent.SUBSCRIPTION_CANCELLED)
                .replayInMemory(rules, 1, BacktestReport.DEFAULT_WINDOW_DAYS);

        assertThat(twice.alerts()).filteredOn(a -> a.accountId().equals(gone))
                .extracting(Alert::rule, Alert::at, Alert::cancelledAt, Alert::leadDays, Alert::caught, Alert::afterCancellation)
                .containsExactly(tuple(WIN_BACK, at("2011-01-15"), at("2011-01-10"), null, false, true));
        ChurnScore winBack = rule(twice, WIN_BACK).churn();
        assertThat(winBack.alerts()).as("after the account had left: not scored").isZero();
        assertThat(winBack.caughtAccounts()).isZero();
        assertThat(winBack.cancelledAccounts()).as("A, B, D and this one, once").isEqualTo(4);
        assertThat(twice.cancellations()).filteredOn(c -> c.accountId().equals(gone))
                .extracting(BacktestReport.Cancellation::at).containsExactly(at("2011-01-10"));
        assertThat(twice.rules()).usingRecursiveComparison().isEqualTo(once.rules());
        assertThat(twice.alerts()).usingRecursiveComparison().isEqualTo(once.alerts());
        assertThat(twice.churnRules()).usingRecursiveComparison().isEqualTo(once.churnRules());
        assertThat(twice.health()).usingRecursiveComparison().isEqualTo(once.health());
    }

    /**
     * A window is days of the account's calendar, as every span of days is: São Paulo's clocks went back an hour on
     * February 20, 2011, so an answer at 10:00 there on January 25 came 30 days before a cancellation at 10:00 on
     * February 24, though 30 days and an hour passed.
     */
    @Test
    void an_alert_exactly_the_window_before_the_cancellation_on_the_accounts_calendar_catches_it_when_the_clocks_changed_between() {
        String paulista = "bt-sao-paulo";
        Instant answered = Instant.parse("2011-01-25T12:00:00Z");
        Instant cancelled = Instant.parse("2011-02-24T13:00:00Z");
        BacktestReport report = new BacktestFixture("sao-paulo").withCustomerIn(paulista, "America/Sao_Paulo")
                .nps(paulista, answered, 2).billing(paulista, cancelled, BillingEvent.SUBSCRIPTION_CANCELLED)
                .replayInMemory(1, 30);

        assertThat(report.alerts()).filteredOn(a -> a.accountId().equals(paulista))
                .extracting(Alert::rule, Alert::at, Alert::cancelledAt, Alert::caught)
                .containsExactly(tuple(DETRACTOR, answered, cancelled, true));
        assertThat(rule(report, DETRACTOR).accounts()).filteredOn(a -> a.accountId().equals(paulista))
                .extracting(RuleReport.AlertedAccount::caught).containsExactly(true);
    }

    @Test
    void several_workers_report_exactly_what_one_does() {
        assertThat(replay(3)).usingRecursiveComparison().isEqualTo(replay(1));
    }
}
