package dev.tenure.engine.backtest;

import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.BillingEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Live, the daily evaluation (06:00 UTC here) sees every account at its daily time, whatever comes later that day. A
 * payment that failed on January 10 at 10:00 and is still not paid is a week old by the daily evaluation of January 18,
 * which starts the payment play; the customer cancels at 10:00 that day, and the play is stopped then. The replay
 * evaluated an account with a signal later in the day at that signal instead, after the cancellation had churned it,
 * so it started nothing and the rule seemed to have missed a cancellation it had caught four hours ahead.
 */
class ChurnLaterThatDayReplayUnitTest {

    static final String STILL_UNPAID = "A payment still not paid a week later";
    static final String ACCOUNT = "bt-f-later-that-day";

    @ParameterizedTest(name = "{0} lane(s)")
    @ValueSource(ints = {1, 3})
    void given_a_week_old_unpaid_payment_and_a_cancellation_after_the_daily_evaluation_then_the_replay_alerts_at_the_daily_time(int workers) {
        BacktestFixture fixture = new BacktestFixture("later-that-day")
                .withFailureUnpaidUntilItCancels(ACCOUNT, "2011-01-10", "2011-01-18");

        BacktestReport report = fixture.replayInMemory(rules(), workers, BacktestReport.DEFAULT_WINDOW_DAYS);

        assertThat(report.alerts()).as("live, the daily evaluation of January 18 started the play before the cancellation")
                .anyMatch(alert -> alert.accountId().equals(ACCOUNT) && alert.rule().equals(STILL_UNPAID)
                        && alert.at().equals(Instant.parse("2011-01-18T06:00:00Z")));
    }

    /**
     * The cancellation is stamped 06:00:00, the very moment of the daily evaluation (an export that dates by the minute,
     * a daily time set to the billing system's run): live, the daily job started the play at the moment the customer
     * cancelled, which warned nobody. It is listed, judged against that cancellation, and not scored: not counted as a
     * false alarm on an account that was about to cancel, nor as an account alerted and missed.
     */
    @ParameterizedTest(name = "{0} lane(s)")
    @ValueSource(ints = {1, 3})
    void given_a_cancellation_at_the_very_moment_of_the_daily_evaluation_then_the_alert_then_is_listed_but_not_scored(int workers) {
        Instant daily = Instant.parse("2011-01-18T06:00:00Z");
        BacktestFixture fixture = new BacktestFixture("at-the-daily-time").withCustomer(ACCOUNT)
                .billing(ACCOUNT, "2011-01-10", BillingEvent.PAYMENT_FAILED)
                .billing(ACCOUNT, daily, BillingEvent.SUBSCRIPTION_CANCELLED);
        BacktestReport without = new BacktestFixture("at-the-daily-time").replayInMemory(rules(), workers,
                BacktestReport.DEFAULT_WINDOW_DAYS);

        BacktestReport report = fixture.replayInMemory(rules(), workers, BacktestReport.DEFAULT_WINDOW_DAYS);

        assertThat(report.alerts()).filteredOn(alert -> alert.accountId().equals(ACCOUNT))
                .extracting(Alert::at, Alert::cancelledAt, Alert::leadDays, Alert::caught, Alert::afterCancellation)
                .containsExactly(tuple(daily, daily, null, false, true));
        ChurnScore together = report.churnRules();
        assertThat(together.cancelledAccounts()).isEqualTo(without.churnRules().cancelledAccounts() + 1);
        assertThat(together.alertedAccounts()).as("an alert that came with the cancellation alerted nobody")
                .isEqualTo(without.churnRules().alertedAccounts());
        assertThat(together.alerts()).isEqualTo(without.churnRules().alerts());
        assertThat(together.caughtAccounts()).isEqualTo(without.churnRules().caughtAccounts());
    }

    private static RuleSet rules() {
        return new RuleSetCompiler().compile(RuleSetFiles.of(List.of(
                new RuleFile("churn/unpaid.drl", """
                        package churn;

                        import dev.tenure.engine.vocabulary.*;

                        global Playbook playbook;

                        rule "%s"
                        when
                            $a : Account()
                            BillingStatus( accountId == $a.id, lastPaymentFailed, daysSinceLastPaymentFailed >= 7 )
                        then
                            playbook.start("billing-check", $a);
                        end
                        """.formatted(STILL_UNPAID)),
                new RuleFile("plays/billing-check.yml", """
                        name: billing-check
                        goal: The invoice is paid
                        cooldown: 30d
                        steps:
                          - type: task
                            delay: 0d
                            title: "Look into it"
                        """))));
    }
}
