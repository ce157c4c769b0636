package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest sees the past as it was: an account whose champion left in mid-June 2013 (the source dated it)
 * and whose stage a source moved to RENEWAL on June 10 still has an active champion and its old stage in a
 * backtest of May, and in a backtest of June the champion leaves, as an event, at the moment it happened.
 * No other test stores anything in 2013.
 * <p>
 * And a failed payment ages in a backtest as it does live: one that failed in January 2009 and was never paid
 * still counts in June under a {@code facts.yml} of a year, although it is older than the history a backtest reads
 * before its period. No other test stores anything in 2009.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class BacktestHistoryIntegrationTest {

    static final Instant MAY = Instant.parse("2013-05-01T00:00:00Z");
    static final Instant JUNE = Instant.parse("2013-06-01T00:00:00Z");
    static final Instant JULY = Instant.parse("2013-07-01T00:00:00Z");
    static final Instant RENEWAL_SET = Instant.parse("2013-06-10T12:00:00Z");
    static final Instant CHAMPION_LEFT = Instant.parse("2013-06-15T10:00:00Z");

    /** A state rule, an event rule and a stage rule, each starting its own play. */
    static final Map<String, String> RULES = Map.of(
            "journey/people.drl", """
                    package journey;
                    import dev.tenure.engine.vocabulary.*;
                    global Playbook playbook;

                    rule "No active champion"
                    when $a : Account() not Contact( accountId == $a.id, role == ContactRole.CHAMPION, active )
                    then playbook.start("find-champion", $a);
                    end

                    rule "The champion became inactive"
                    when $a : Account() ContactSignal( accountId == $a.id, role == ContactRole.CHAMPION, change == ContactChange.BECAME_INACTIVE )
                    then playbook.start("champion-gone", $a);
                    end

                    rule "In renewal"
                    when $a : Account( stage == Stage.RENEWAL )
                    then playbook.start("renewal-prep", $a);
                    end
                    """,
            "plays/find-champion.yml", AccountDryRunIntegrationTest.play("find-champion"),
            "plays/champion-gone.yml", AccountDryRunIntegrationTest.play("champion-gone"),
            "plays/renewal-prep.yml", AccountDryRunIntegrationTest.play("renewal-prep"));

    static final Instant FAILED_IN_JANUARY = Instant.parse("2009-01-15T09:00:00Z");
    static final Instant JUNE_2009 = Instant.parse("2009-06-01T00:00:00Z");
    static final Instant JULY_2009 = Instant.parse("2009-07-01T00:00:00Z");

    /** A state rule on the aged fact, and one on the days since the failure, each starting its own play. */
    static final Map<String, String> PAYMENT_RULES = Map.of(
            "facts.yml", "paymentFailedFor: 365d\n",
            "churn/unpaid.drl", """
                    package churn;
                    import dev.tenure.engine.vocabulary.*;
                    global Playbook playbook;

                    rule "The last payment failed"
                    when $a : Account() BillingStatus( accountId == $a.id, lastPaymentFailed )
                    then playbook.start("chase-payment", $a);
                    end

                    rule "A payment failed 100 days ago and is still not paid"
                    when $a : Account() BillingStatus( accountId == $a.id, daysSinceLastPaymentFailed >= 100 )
                    then playbook.start("escalate-payment", $a);
                    end
                    """,
            "plays/chase-payment.yml", AccountDryRunIntegrationTest.play("chase-payment"),
            "plays/escalate-payment.yml", AccountDryRunIntegrationTest.play("escalate-payment"));

    static final Instant IMPORTED_2007 = Instant.parse("2007-03-01T10:00:00Z");
    static final Instant LEFT_2007 = Instant.parse("2007-03-02T10:00:00Z");
    static final Instant MARCH_3_2007 = Instant.parse("2007-03-03T00:00:00Z");
    static final Instant APRIL_2007 = Instant.parse("2007-04-01T00:00:00Z");

    /** The shipped win-back's condition: the account left in the last week. */
    static final Map<String, String> WIN_BACK_RULES = Map.of(
            "journey/left.drl", """
                    package journey;
                    import dev.tenure.engine.vocabulary.*;
                    global Playbook playbook;

                    rule "Left this week"
                    when $a : Account( stage == Stage.CHURNED ) Churned( accountId == $a.id, daysAgo <= 7 )
                    then playbook.start("call-back", $a);
                    end
                    """,
            "plays/call-back.yml", "name: call-back\naccounts: churned\ngoal: Done\ncooldown: 365d\nsteps:\n"
                    + "  - type: task\n    delay: 0d\n    title: \"Call\"\n");

    @Autowired
    FactSets factSets;
    @Autowired
    Backtests backtests;
    @Autowired
    AccountStarts starts;
    @Autowired
    CandidateRuleSets ruleSets;
    @Autowired
    Intake intake;
    @Autowired
    Accounts accounts;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void given_a_champion_who_left_and_a_stage_set_in_june_then_a_backtest_of_may_sees_them_as_they_were_and_one_of_june_sees_them_change() {
        TestData acme = TestData.account("Past Champion", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Contact champion = new Contact(acme.id(), "champion@" + acme.id() + ".test", "Pat Champion", ContactRole.CHAMPION,
                null, true, false);
        Contact gone = new Contact(champion.accountId(), champion.email(), champion.name(), champion.role(), null, false, false);
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 2", gone, CHAMPION_LEFT)), List.of()));
        transaction.executeWithoutResult(tx -> accounts.changeStage(acme.id(), Stage.RENEWAL, RENEWAL_SET,
                ChangeCause.source("accounts.csv line 4")));
        RuleSet rules = ruleSets.compile(RULES);

        AccountStart inMay = start(MAY, JUNE, acme.id());
        AccountStart inJune = start(JUNE, JULY, acme.id());
        BacktestReport may = backtests.run(rules, MAY, JUNE, BacktestProgress.none());
        BacktestReport june = backtests.run(rules, JUNE, JULY, BacktestProgress.none());

        assertThat(inMay.account().stage()).isEqualTo(Stage.VALUE);
        assertThat(inMay.contacts()).extracting(Contact::email, Contact::active).containsExactly(
                org.assertj.core.groups.Tuple.tuple(champion.email(), true));
        assertThat(inMay.stageChanges()).isEmpty();
        assertThat(inJune.stageChanges()).extracting(c -> c.to()).containsExactly(Stage.RENEWAL);
        assertThat(firstAlert(may, "No active champion", acme.id())).as("the champion was still there in May").isNull();
        assertThat(firstAlert(may, "The champion became inactive", acme.id())).isNull();
        assertThat(firstAlert(may, "In renewal", acme.id())).as("the stage was VALUE in May").isNull();
        assertThat(firstAlert(june, "The champion became inactive", acme.id())).isEqualTo(CHAMPION_LEFT);
        assertThat(firstAlert(june, "No active champion", acme.id())).isEqualTo(CHAMPION_LEFT);
        assertThat(firstAlert(june, "In renewal", acme.id())).isAfter(RENEWAL_SET).isBefore(RENEWAL_SET.plusSeconds(86_400));
    }

    @Test
    void given_a_payment_that_failed_months_before_the_period_and_was_never_paid_then_a_backtest_counts_it_as_live_does() {
        TestData acme = TestData.account("Long Unpaid", Segment.LOW_TOUCH).billingAt(BillingEvent.PAYMENT_FAILED, FAILED_IN_JANUARY);
        intake.accept(acme.batch());
        RuleSet rules = ruleSets.compile(PAYMENT_RULES);

        BillingStatus live = factSets.load(acme.account(), rules.factSettings(), JUNE_2009).billing();
        BacktestReport june = backtests.run(rules, JUNE_2009, JULY_2009, BacktestProgress.none());

        assertThat(live.lastPaymentFailed()).as("live, a failure of 136 days still counts for a year").isTrue();
        assertThat(live.daysSinceLastPaymentFailed()).isEqualTo(136);
        assertThat(firstAlert(june, "The last payment failed", acme.id())).as("the backtest ages it as live does")
                .isNotNull().isBefore(JUNE_2009.plusSeconds(86_400));
        assertThat(firstAlert(june, "A payment failed 100 days ago and is still not paid", acme.id()))
                .isNotNull().isBefore(JUNE_2009.plusSeconds(86_400));
    }

    /**
     * Two accounts an accounts file named on March 1st 2007: one VALUE and CHURNED on the next line (when it left is
     * not known: live gives it no Churned, so no win-back), one stored VALUE and churned by the CRM a day later (a
     * churn Tenure saw). A backtest from March 3rd starts both churned; before, it took the first one's churn at
     * import for a known one and started its win-back on the period's first day, where live started none.
     */
    @Test
    void given_an_account_a_file_churned_as_it_first_named_it_before_the_period_then_a_backtest_starts_no_win_back_as_live() {
        TestData named = TestData.account("Named Churned 2007", Segment.LOW_TOUCH);
        TestData seen = TestData.account("Seen Churning 2007", Segment.LOW_TOUCH);
        transaction.executeWithoutResult(tx -> {
            accounts.upsert(named.account(), IMPORTED_2007, ChangeCause.source("accounts.csv line 2"));
            accounts.changeStage(named.id(), Stage.CHURNED, IMPORTED_2007, ChangeCause.source("stage CHURNED from accounts.csv line 3"));
            accounts.upsert(seen.account(), IMPORTED_2007, ChangeCause.source("accounts.csv line 4"));
            accounts.changeStage(seen.id(), Stage.CHURNED, LEFT_2007, ChangeCause.source("stage CHURNED from crm.csv line 2"));
        });
        RuleSet rules = ruleSets.compile(WIN_BACK_RULES);

        BacktestReport march = backtests.run(rules, MARCH_3_2007, APRIL_2007, BacktestProgress.none());

        assertThat(factSets.load(named.account().withStage(Stage.CHURNED), rules.factSettings(), MARCH_3_2007).churned())
                .as("live: when it left is not known").isNull();
        assertThat(firstAlert(march, "Left this week", named.id())).as("the backtest agrees with live").isNull();
        assertThat(firstAlert(march, "Left this week", seen.id())).isNotNull().isBefore(MARCH_3_2007.plusSeconds(86_400));
    }

    private AccountStart start(Instant from, Instant to, String accountId) {
        return transaction.execute(tx -> starts.asOf(from, to)).stream()
                .filter(s -> s.account().id().equals(accountId)).findFirst().orElseThrow();
    }

    /** The moment the rule first started a play for the account in the report, or null. */
    private static Instant firstAlert(BacktestReport report, String rule, String accountId) {
        return report.rules().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow()
                .accounts().stream().filter(a -> a.accountId().equals(accountId))
                .map(RuleReport.AlertedAccount::firstStarted).findFirst().orElse(null);
    }
}
