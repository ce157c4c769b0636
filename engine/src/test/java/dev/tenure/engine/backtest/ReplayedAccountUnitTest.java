package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.ChangeOrigin;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One account in a replay moves through its lifecycle in the order things happened, whoever moved it. */
class ReplayedAccountUnitTest {

    static final Instant CHURNED_BY_CRM = Instant.parse("2012-03-05T09:00:00Z");
    static final Instant REACTIVATED = Instant.parse("2012-03-05T15:00:00Z");
    static final RuleSet STARTER = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));

    @Test
    void given_a_source_churn_and_a_later_reactivation_before_the_next_evaluation_then_the_account_is_back() {
        Account account = account("ra-1", "Back Again", Stage.VALUE);
        StageChange crm = crmChurn(account);
        ReplayedAccount replayed = new ReplayedAccount(new AccountStart(account, List.of(), List.of(), List.of(), -1,
                List.of(crm), null, null), BacktestFixture.PLACEMENT);

        replayed.add(new BillingSignal("test", "ra-1-back", account.id(), REACTIVATED, BillingEvent.SUBSCRIPTION_REACTIVATED,
                null, "USD", null));
        RuleSet rules = new RuleSetCompiler().compile(BacktestFixture.rules());
        replayed.evaluate(rules, rules.health(), List.of(), REACTIVATED.plusSeconds(3600), new ReplayTally());

        assertThat(replayed.account().stage()).as("the stage it had before the churn").isEqualTo(Stage.VALUE);
    }

    @Test
    void given_a_source_s_return_before_the_period_then_an_older_cancellation_in_the_history_replayed_is_history() {
        Account account = account("ra-2", "Back Before", Stage.VALUE);
        Instant backByCrm = CHURNED_BY_CRM.plusSeconds(86_400);
        ReplayedAccount replayed = new ReplayedAccount(new AccountStart(account, List.of(), List.of(), List.of(), -1,
                List.of(), null, backByCrm), BacktestFixture.PLACEMENT);

        replayed.add(new BillingSignal("test", "ra-2-gone", account.id(), CHURNED_BY_CRM, BillingEvent.SUBSCRIPTION_CANCELLED,
                null, "USD", null));

        assertThat(replayed.account().stage()).as("the CRM brought it back since").isEqualTo(Stage.VALUE);
    }

    @Test
    void given_a_source_s_churn_in_the_period_then_the_replay_starts_the_win_back_as_live_does() {
        Account account = account("ra-3", "Crm Gone", Stage.VALUE);
        StageChange crm = crmChurn(account);
        ReplayedAccount replayed = new ReplayedAccount(new AccountStart(account, List.of(), List.of(), List.of(), -1,
                List.of(crm), null, null), BacktestFixture.PLACEMENT);
        ReplayTally tally = new ReplayTally();

        replayed.evaluate(STARTER, STARTER.health(), List.of(), CHURNED_BY_CRM.plus(Duration.ofDays(2)), tally);

        assertThat(replayed.account().stage()).isEqualTo(Stage.CHURNED);
        assertThat(tally.starts).extracting(ReplayTally.Start::play).containsExactly("win-back");
    }

    @Test
    void given_an_account_churned_before_the_period_with_no_move_known_then_the_replay_starts_no_win_back() {
        Account account = account("ra-4", "Long Gone", Stage.CHURNED);
        ReplayedAccount replayed = new ReplayedAccount(new AccountStart(account, List.of(), List.of(), List.of(), -1,
                List.of(), Stage.VALUE, null), BacktestFixture.PLACEMENT);
        ReplayTally tally = new ReplayTally();

        replayed.evaluate(STARTER, STARTER.health(), List.of(), CHURNED_BY_CRM, tally);

        assertThat(tally.starts).isEmpty();
    }

    @Test
    void given_a_file_that_first_named_the_account_and_then_churned_it_then_the_replay_starts_no_win_back_as_live() {
        Account account = account("ra-5", "Named Then Gone", Stage.VALUE);
        List<StageChange> file = List.of(
                new StageChange(1, account.id(), null, Stage.VALUE, CHURNED_BY_CRM, ChangeOrigin.SOURCE, "accounts.csv line 2"),
                new StageChange(2, account.id(), Stage.VALUE, Stage.CHURNED, CHURNED_BY_CRM, ChangeOrigin.SOURCE,
                        "stage CHURNED from accounts.csv line 3"));
        ReplayedAccount replayed = new ReplayedAccount(new AccountStart(account, List.of(), List.of(), List.of(), -1,
                file, null, null), BacktestFixture.PLACEMENT);
        ReplayTally tally = new ReplayTally();

        replayed.evaluate(STARTER, STARTER.health(), List.of(), CHURNED_BY_CRM.plus(Duration.ofDays(1)), tally);

        assertThat(replayed.account().stage()).isEqualTo(Stage.CHURNED);
        assertThat(tally.starts).isEmpty();
    }

    private static Account account(String id, String name, Stage stage) {
        return new Account(id, name, Segment.LOW_TOUCH, stage, "csm@ra.test", BigDecimal.valueOf(12000), "growth",
                LocalDate.of(2010, 1, 1), null, "UTC");
    }

    /** The CRM's export said CHURNED. */
    private static StageChange crmChurn(Account account) {
        return new StageChange(1, account.id(), Stage.VALUE, Stage.CHURNED, CHURNED_BY_CRM, ChangeOrigin.SOURCE,
                "stage CHURNED from accounts.csv line 2");
    }
}
