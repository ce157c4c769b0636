package dev.tenure.engine.backtest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tenure.engine.backtest.BacktestFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals of one account stamped with the same moment are taken in together, as the live engine takes a batch: the
 * lifecycle moves first, then one evaluation sees them all. Replayed one by one, a failed payment stored just before
 * the cancellation of the same moment started the payment play for an account live leaves alone.
 */
class SameMomentReplayUnitTest {

    @ParameterizedTest(name = "{0} lane(s)")
    @ValueSource(ints = {1, 3})
    void given_a_failed_payment_and_a_cancellation_at_the_same_moment_then_the_replay_starts_no_play_for_the_churned_account(int workers) {
        BacktestFixture fixture = new BacktestFixture("same-moment").withFailureAsItCancelled("bt-f-same-moment", "2011-01-20");

        BacktestReport report = fixture.replayInMemory(workers);

        assertThat(report.alerts()).as("live, one batch churns the account before its evaluation")
                .noneMatch(alert -> alert.accountId().equals("bt-f-same-moment"));
        assertThat(report.alerts()).as("the other accounts' alerts are as before")
                .anyMatch(alert -> alert.accountId().equals(fixture.b) && alert.at().equals(at("2011-01-25")));
    }
}
