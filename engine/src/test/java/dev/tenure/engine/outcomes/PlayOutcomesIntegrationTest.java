package dev.tenure.engine.outcomes;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.HoldoutDraw;
import dev.tenure.engine.plays.HoldoutProperties;
import dev.tenure.engine.plays.Measurement;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Given runs of a measured play, enrolled and held out, on accounts whose core usage recovered (or not) on
 * days chosen by hand, the report counts exactly the runs that reached the goal within the horizon, their
 * median time to it, and the lift over the holdout; a run inside its horizon is pending.
 * <p>
 * Every account has 10 core uses a day over the 28 days the start's baseline covers (70 a week), none in the
 * 7 days before the start, and 10 a day again from {@code r} days after the start. The goal, 80% of the
 * baseline (56 uses in 7 days), first holds on the day the 7 days before it have 6 days of use: r + 6 days
 * after a start at midnight.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class PlayOutcomesIntegrationTest {

    private static final Span HORIZON = Span.ofDays(30);

    @Autowired
    Intake intake;
    @Autowired
    PlayOutcomes outcomes;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonColumns json;
    @Autowired
    Accounts accounts;
    @Autowired
    Contacts contacts;
    @Autowired
    EngineProperties engine;
    @Autowired
    SendWindowProperties sendWindow;
    @Autowired
    StartGuard guard;

    private final String playId = "measured-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant midnight = TestClock.now().truncatedTo(ChronoUnit.DAYS);

    @Test
    void five_enrolled_and_three_held_out_runs_give_exact_rates_medians_and_lift_and_a_young_run_is_pending() {
        for (int recoveredAfter : new int[] {0, 2, 4, 8}) {
            enrolled(recovering(40, recoveredAfter), 40);      // reached in 6, 8, 10, 14 days
        }
        enrolled(recovering(40, 26), 40);                       // back after 32 days: too late for a 30-day horizon
        heldOut(recovering(40, 12), 40);                        // reached in 18 days
        heldOut(recovering(40, null), 40);
        heldOut(recovering(40, null), 40);
        enrolled(recovering(10, 0), 10);                        // reached in 6 days, but its horizon is 20 days ahead

        PlayOutcome play = outcomes.report(query(null), TestClock.now()).get(0);

        assertThat(play.playId()).isEqualTo(playId);
        assertThat(play.enrolled()).isEqualTo(new ArmOutcome(5, 4, 1, 80.0, 9.0));   // median of 6, 8, 10, 14
        assertThat(play.holdout().runs()).isEqualTo(3);
        assertThat(play.holdout().reached()).isEqualTo(1);
        assertThat(play.holdout().successRate()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(play.holdout().medianDaysToGoal()).isEqualTo(18.0);
        assertThat(play.liftPoints()).isCloseTo(80 - 100.0 / 3, within(1e-9));           // 46.7 points
        assertThat(play.tooFewToTell()).as("3 held-out runs are fewer than the default minimum of 20").isTrue();
    }

    @Test
    void each_run_says_when_its_goal_was_reached_and_the_late_one_is_missed() {
        enrolled(recovering(40, 0), 40);
        enrolled(recovering(40, 26), 40);
        enrolled(recovering(10, 0), 10);

        List<RunOutcome> runs = outcomes.runs(query(null), TestClock.now());

        assertThat(runs).extracting(RunOutcome::status, RunOutcome::daysToGoal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(GoalStatus.REACHED, 6.0),
                org.assertj.core.groups.Tuple.tuple(GoalStatus.MISSED, null),
                org.assertj.core.groups.Tuple.tuple(GoalStatus.PENDING, 6.0));
        assertThat(runs.get(0).reachedAt()).isEqualTo(midnight.minus(Duration.ofDays(34)));
        assertThat(runs.get(0).horizonAt()).isEqualTo(midnight.minus(Duration.ofDays(10)));
    }

    @Test
    void a_payment_goal_is_the_first_paid_invoice_after_the_start_and_within_the_horizon() {
        PlayDefinition payment = play(new StopWhen(null, true, null), Span.ofDays(14), 0);
        TestData paidSoon = TestData.account("Paid Soon", Segment.LOW_TOUCH)
                .billing(BillingEvent.INVOICE_PAID, 25).billing(BillingEvent.INVOICE_PAID, 17);
        TestData paidLate = TestData.account("Paid Late", Segment.LOW_TOUCH).billing(BillingEvent.INVOICE_PAID, 4);
        Instant start = TestClock.now().minus(Duration.ofDays(20));
        for (TestData account : List.of(paidSoon, paidLate)) {
            intake.accept(account.batch());
            start(account, payment, start, false);
        }

        List<RunOutcome> runs = outcomes.runs(query(null), TestClock.now());

        assertThat(runs).extracting(RunOutcome::accountId).containsExactly(paidSoon.id(), paidLate.id());
        assertThat(runs.get(0).status()).isEqualTo(GoalStatus.REACHED);
        assertThat(runs.get(0).daysToGoal()).isCloseTo(3.0, within(0.001));
        assertThat(runs.get(1).status()).as("paid 16 days after the start, past 14").isEqualTo(GoalStatus.MISSED);
    }

    @Test
    void an_nps_goal_is_the_first_answer_at_least_as_good_after_the_start() {
        PlayDefinition callBack = play(new StopWhen(null, null, 7), Span.ofDays(90), 0);
        TestData account = TestData.account("Detractor", Segment.HIGH_TOUCH).nps(9, 40).nps(6, 30).nps(8, 25).nps(10, 20);
        intake.accept(account.batch());
        start(account, callBack, TestClock.now().minus(Duration.ofDays(35)), false);

        RunOutcome run = outcomes.runs(query(null), TestClock.now()).get(0);

        assertThat(run.status()).as("its 90-day horizon is ahead").isEqualTo(GoalStatus.PENDING);
        assertThat(run.daysToGoal()).isCloseTo(10.0, within(0.001));
    }

    @Test
    void a_held_out_account_gets_a_run_without_steps_on_its_timeline_and_the_cooldown_counts_from_it() {
        TestData account = recovering(40, null);
        long heldOut = heldOut(account, 40);

        assertThat(jdbc.sql("SELECT status, ended_at = started_at FROM play_run WHERE id = ?").param(heldOut)
                .query((rs, n) -> rs.getString(1) + " " + rs.getBoolean(2)).single()).isEqualTo("HOLDOUT true");
        assertThat(jdbc.sql("SELECT count(*) FROM play_step WHERE run_id = ?").param(heldOut).query(Long.class).single()).isZero();
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::type, TimelineEntry::summary, TimelineEntry::ref)
                .contains(org.assertj.core.groups.Tuple.tuple("play.held-out", "Held out of \"Measured play\" to measure it "
                        + "(rule \"Core usage fell\"; 100% of eligible accounts are held out)", "play:" + heldOut));

        Instant withinCooldown = midnight.minus(Duration.ofDays(20));
        Instant afterCooldown = midnight.minus(Duration.ofDays(5));
        PlayDefinition enrolling = play(new StopWhen(80, null, null), HORIZON, 0);
        Optional<StartedRun> refused = transaction.execute(tx -> runs(false).start(account.id(), enrolling, why(), withinCooldown));
        Optional<StartedRun> started = transaction.execute(tx -> runs(false).start(account.id(), enrolling, why(), afterCooldown));
        assertThat(refused).as("within the cooldown of the held-out run").isEmpty();
        assertThat(started).isPresent();
        assertThat(jdbc.sql("SELECT status FROM play_run WHERE account_id = ? AND play_id = ? ORDER BY started_at")
                .params(account.id(), playId).query(String.class).list()).containsExactly("HOLDOUT", "RUNNING");
    }

    @Test
    void a_csm_report_counts_only_the_runs_of_their_accounts() {
        enrolled(recovering(40, 0).csm("amy@tenure.test"), 40);
        enrolled(recovering(40, null), 40);

        assertThat(outcomes.runs(query("AMY@tenure.test"), TestClock.now())).singleElement()
                .satisfies(run -> assertThat(run.csm()).isEqualTo("amy@tenure.test"));
        assertThat(outcomes.report(query("amy@tenure.test"), TestClock.now()).get(0).enrolled().runs()).isEqualTo(1);
    }

    /** An account with the baseline before a start {@code startDaysAgo} days ago and usage back {@code recoveredAfter} days after it (null: never). */
    private TestData recovering(int startDaysAgo, Integer recoveredAfter) {
        TestData account = TestData.account("Recovering " + recoveredAfter, Segment.HIGH_TOUCH)
                .usage("core", startDaysAgo + 35, startDaysAgo + 8, 10);
        if (recoveredAfter != null && recoveredAfter <= startDaysAgo) {
            account.usage("core", startDaysAgo - recoveredAfter, 0, 10);
        }
        return account;
    }

    private long enrolled(TestData account, int startDaysAgo) {
        intake.accept(account.batch());
        return start(account, play(new StopWhen(80, null, null), HORIZON, 0), midnight.minus(Duration.ofDays(startDaysAgo)), false);
    }

    private long heldOut(TestData account, int startDaysAgo) {
        intake.accept(account.batch());
        return start(account, play(new StopWhen(80, null, null), HORIZON, 100), midnight.minus(Duration.ofDays(startDaysAgo)), true);
    }

    private long start(TestData account, PlayDefinition play, Instant at, boolean holdouts) {
        Optional<StartedRun> started = transaction.execute(tx -> runs(holdouts).start(account.id(), play, why(), at));
        assertThat(started.isPresent()).as("a held-out run starts no play").isEqualTo(!holdouts);
        return jdbc.sql("SELECT id FROM play_run WHERE account_id = ? AND play_id = ? ORDER BY id DESC LIMIT 1")
                .params(account.id(), play.id()).query(Long.class).single();
    }

    /** The play store with holdouts on (the test configuration turns them off for every other test). */
    private PlayRuns runs(boolean holdouts) {
        return new PlayRuns(jdbc, json, timeline, accounts, contacts, engine, sendWindow, guard,
                new HoldoutDraw(new HoldoutProperties(holdouts)));
    }

    private PlayDefinition play(StopWhen goal, Span within, int holdoutPercent) {
        return new PlayDefinition(playId, "Measured play", "Back to 80% within 30 days", Span.ofDays(30),
                List.of(TestPlays.task(Span.ofDays(400), "Call")), goal, null, new Measurement(within, holdoutPercent));
    }

    private Why why() {
        return new Why("Core usage fell", rules.get().version(), Map.of());
    }

    private OutcomeQuery query(String csm) {
        return new OutcomeQuery(midnight.minus(Duration.ofDays(60)), midnight.plus(Duration.ofDays(1)), playId, csm);
    }
}
