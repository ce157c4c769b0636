package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** A dry run says what the rules would do for an account now, and changes nothing. */
@SpringBootTest(classes = EngineTestApplication.class)
class AccountDryRunIntegrationTest {

    /** Rules that always fire for a low-touch account: a play twice, two plays already run, a milestone, a stage. */
    static final Map<String, String> RULES = Map.of(
            "journey/everyone.drl", """
                    package journey;
                    import dev.tenure.engine.vocabulary.*;
                    global Playbook playbook;

                    rule "Check in with every low-touch account"
                    when $a : Account( segment == Segment.LOW_TOUCH )
                    then playbook.start("check-in", $a);
                    end

                    rule "Check in again"
                    when $a : Account( segment == Segment.LOW_TOUCH )
                    then playbook.start("check-in", $a);
                    end

                    rule "Quarterly call"
                    when $a : Account( segment == Segment.LOW_TOUCH )
                    then playbook.start("quarterly-call", $a);
                    end

                    rule "Welcome pack"
                    when $a : Account( segment == Segment.LOW_TOUCH ) UsageTrend( accountId == $a.id, feature == "core" )
                    then playbook.start("welcome", $a);
                    end

                    rule "Activated"
                    when $a : Account( segment == Segment.LOW_TOUCH, stage == Stage.VALUE )
                    then playbook.recordMilestone($a, MilestoneType.ACTIVATED); playbook.moveStage($a, Stage.EXPANSION);
                    end
                    """,
            "plays/check-in.yml", play("check-in"), "plays/quarterly-call.yml", play("quarterly-call"),
            "plays/welcome.yml", play("welcome"));

    @Autowired
    AccountDryRun dryRun;
    @Autowired
    CandidateRuleSets ruleSets;
    @Autowired
    Intake intake;
    @Autowired
    JdbcClient jdbc;

    static String play(String name) {
        return "name: " + name + "\ngoal: Done\ncooldown: 30d\nsteps:\n  - type: task\n    delay: 0d\n    title: \"Do it\"\n";
    }

    @Test
    void given_one_play_running_and_one_in_cooldown_then_the_dry_run_tells_each_verdict_and_stores_nothing() {
        TestData quiet = TestData.account("Dry Runner", Segment.LOW_TOUCH).usage("core", 35, 1, 100);
        intake.accept(quiet.batch());
        Instant now = TestClock.now();
        run(quiet.id(), "quarterly-call", "RUNNING", now.minus(Duration.ofDays(1)));
        run(quiet.id(), "welcome", "COMPLETED", now.minus(Duration.ofDays(10)));
        List<Long> before = written(quiet.id());
        RuleSet rules = ruleSets.compile(RULES);

        DryRun result = dryRun.of(quiet.id(), rules, now).orElseThrow();

        assertThat(result.ruleSetVersion()).isEqualTo(rules.version());
        assertThat(result.health().components()).hasSize(5);
        assertThat(result.healthBand()).isEqualTo(result.health().band());
        assertThat(result.facts().usage("core")).isPresent();
        assertThat(result.rulesFired()).extracting(DryRun.FiredRule::rule).containsExactlyInAnyOrder(
                "Check in with every low-touch account", "Check in again", "Quarterly call", "Welcome pack", "Activated");
        assertThat(result.rulesFired()).filteredOn(r -> r.rule().equals("Welcome pack")).first()
                .satisfies(r -> assertThat(r.matchedFacts()).containsKeys("account", "usageTrend"));
        assertThat(result.plays()).extracting(DryRun.PlayVerdict::play, DryRun.PlayVerdict::wouldStart).containsOnly(
                tuple("check-in", true), tuple("check-in", false), tuple("quarterly-call", false), tuple("welcome", false));
        assertThat(refusal(result, "quarterly-call")).startsWith("a run of the play is running (started at ");
        assertThat(refusal(result, "welcome")).matches("a run started at .*, within the cooldown of .* \\(until .*\\)");
        assertThat(result.plays()).filteredOn(p -> p.play().equals("check-in") && !p.wouldStart()).first()
                .satisfies(p -> assertThat(p.refusedBecause()).contains("in this evaluation"));
        assertThat(result.milestones()).extracting(DryRun.MilestoneVerdict::milestone).containsExactly(MilestoneType.ACTIVATED);
        assertThat(result.stageMoves()).extracting(DryRun.StageMove::from, DryRun.StageMove::to)
                .containsExactly(tuple(Stage.VALUE, Stage.EXPANSION));
        assertThat(written(quiet.id())).as("play runs, steps, health scores, milestones, timeline, stage").isEqualTo(before);
    }

    @Test
    void given_a_rule_that_churns_the_account_then_the_play_another_rule_starts_would_not_start() {
        TestData leaving = TestData.account("Dry Leaver", Segment.LOW_TOUCH);
        intake.accept(leaving.batch());
        RuleSet rules = ruleSets.compile(Map.of("journey/leaving.drl", """
                        package journey;
                        import dev.tenure.engine.vocabulary.*;
                        global Playbook playbook;

                        rule "Quarterly call"
                        when $a : Account( segment == Segment.LOW_TOUCH, stage == Stage.VALUE )
                        then playbook.start("quarterly-call", $a);
                        end

                        rule "Leaving"
                        salience -10
                        when $a : Account( segment == Segment.LOW_TOUCH, stage == Stage.VALUE )
                        then playbook.moveStage($a, Stage.CHURNED);
                        end
                        """, "plays/quarterly-call.yml", play("quarterly-call")));

        DryRun result = dryRun.of(leaving.id(), rules, TestClock.now()).orElseThrow();

        assertThat(result.stageMoves()).extracting(DryRun.StageMove::to).containsExactly(Stage.CHURNED);
        assertThat(result.plays()).extracting(DryRun.PlayVerdict::play, DryRun.PlayVerdict::wouldStart, DryRun.PlayVerdict::refusedBecause)
                .containsExactly(tuple("quarterly-call", false, "the account churned"));
    }

    @Test
    void an_account_held_out_of_a_play_is_in_its_cooldown_as_if_it_had_got_it() {
        TestData heldOut = TestData.account("Held Out Runner", Segment.LOW_TOUCH).usage("core", 35, 1, 100);
        intake.accept(heldOut.batch());
        Instant now = TestClock.now();
        run(heldOut.id(), "welcome", "HOLDOUT", now.minus(Duration.ofDays(10)));

        DryRun result = dryRun.of(heldOut.id(), ruleSets.compile(RULES), now).orElseThrow();

        assertThat(refusal(result, "welcome")).matches("a run started at .*, within the cooldown of .* \\(until .*\\)");
    }

    /**
     * The only champion became inactive two hours ago (a contacts file dated it): live, the change arrived as a
     * ContactSignal and rules/journey/champion.drl started champion-left. A dry run now, with the rules in force, sees
     * the change as the event of the last 7 days it is, as a scenario of the account would: the rule fires there too,
     * and its play is held back because it ran, rather than the rule not firing at all.
     */
    @Test
    void given_a_champion_who_became_inactive_two_hours_ago_then_the_dry_run_sees_the_change_the_live_evaluation_acted_on() {
        TestData acme = TestData.account("Champion Gone Dry", Segment.LOW_TOUCH);
        intake.accept(acme.batch());
        Instant twoHoursAgo = TestClock.now().minus(Duration.ofHours(2));
        Contact gone = new Contact(acme.id(), "champion@" + acme.id() + ".test", "Pat Champion", ContactRole.CHAMPION, null,
                false, false);
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contacts.csv line 2", gone, twoHoursAgo)), List.of()));
        assertThat(jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?").param(acme.id()).query(String.class).list())
                .as("live, the champion rule matched the change").containsExactly("champion-left");

        DryRun result = dryRun.of(acme.id(), ruleSets.active(), TestClock.now()).orElseThrow();

        assertThat(result.rulesFired()).extracting(DryRun.FiredRule::rule)
                .contains("The champion became inactive and no other champion is left: find a new one");
        // Running, or done and in its cooldown once the step runner took its task: held back either way.
        assertThat(result.plays()).extracting(DryRun.PlayVerdict::play, DryRun.PlayVerdict::wouldStart)
                .contains(tuple("champion-left", false));
        assertThat(refusal(result, "champion-left")).startsWith("a run ");
    }

    @Test
    void an_unknown_account_has_no_dry_run() {
        assertThat(dryRun.of("no-such-account", ruleSets.active(), TestClock.now())).isEmpty();
    }

    private static String refusal(DryRun result, String play) {
        return result.plays().stream().filter(p -> p.play().equals(play)).findFirst().orElseThrow().refusedBecause();
    }

    private void run(String accountId, String play, String status, Instant startedAt) {
        jdbc.sql("""
                        INSERT INTO play_run (account_id, play_id, play_name, status, started_at, rule_name, rule_set_version, matched_facts)
                        VALUES (?, ?, ?, ?, ?, 'a rule', ?, '{}'::jsonb)""")
                .params(accountId, play, play, status, Timestamp.from(startedAt), ruleSets.active().version()).update();
    }

    private List<Long> written(String accountId) {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("play_run", "play_step", "health_score", "milestone", "timeline_entry")) {
            counts.add(jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ?").param(accountId).query(Long.class).single());
        }
        counts.add(jdbc.sql("SELECT count(*) FROM account WHERE id = ? AND stage = 'VALUE'").param(accountId).query(Long.class).single());
        return counts;
    }
}
