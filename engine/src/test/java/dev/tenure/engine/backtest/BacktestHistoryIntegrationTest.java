package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.testing.TestData;
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
