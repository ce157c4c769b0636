package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.TaskOutcome;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given a run started ten days ago whose step is due, when something happened since that makes the play
 * pointless, then the step is skipped with the reason, on the timeline, and nothing is sent.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class StepStillAppliesIntegrationTest {

    private static final StepDefinition CALL_TASK = TestPlays.task(Span.ZERO, "Call the champion");
    private static final StepDefinition CHECKIN_EMAIL = TestPlays.checkInEmail();

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;

    @Test
    void a_task_is_skipped_when_the_account_churned_while_its_step_was_due() {
        // A cancellation stops the account's runs as it is stored (LifecycleIntegrationTest); a step claimed while
        // the account churned, here a stage written behind the engine's back, is still not carried out.
        TestData account = TestData.account("Churned Co", Segment.HIGH_TOUCH);
        intake.accept(account.batch());

        PlayStep step = startTenDaysAgoAndRun(account, play(StopWhen.NEVER, CALL_TASK),
                () -> jdbc.sql("UPDATE account SET stage = 'CHURNED' WHERE id = ?").param(account.id()).update());

        assertSkipped(step, "the account churned");
    }

    @Test
    void a_payment_play_stops_when_an_invoice_was_paid_after_it_started() {
        TestData account = TestData.account("Paid Up", Segment.LOW_TOUCH).billing(BillingEvent.INVOICE_PAID, 1);

        PlayStep step = runDue(account, play(new StopWhen(null, true, null), CALL_TASK));

        assertSkipped(step, "the play's goal is reached: an invoice was paid after the play started");
    }

    @Test
    void a_payment_made_before_the_play_started_does_not_stop_it() {
        TestData account = TestData.account("Paid Before", Segment.LOW_TOUCH).billing(BillingEvent.INVOICE_PAID, 12);

        PlayStep step = runDue(account, play(new StopWhen(null, true, null), CALL_TASK));

        assertThat(step.status()).isEqualTo(StepStatus.DONE);
        assertThat(sentFor(step)).isEqualTo(1);
    }

    @Test
    void a_detractor_play_stops_when_a_later_nps_answer_reaches_its_goal() {
        TestData account = TestData.account("Happier Now", Segment.LOW_TOUCH).nps(8, 1);

        PlayStep step = runDue(account, play(new StopWhen(null, null, 7), CALL_TASK));

        assertSkipped(step, "the play's goal is reached: an NPS answer of 8 (at least 7) came in");
    }

    @Test
    void a_later_nps_answer_below_the_goal_does_not_stop_the_play() {
        TestData account = TestData.account("Still Unhappy", Segment.LOW_TOUCH).nps(5, 1);

        PlayStep step = runDue(account, play(new StopWhen(null, null, 7), CALL_TASK));

        assertThat(step.status()).isEqualTo(StepStatus.DONE);
    }

    @Test
    void a_save_play_stops_when_core_usage_is_back_to_its_baseline() {
        TestData account = TestData.account("Recovered", Segment.HIGH_TOUCH).usage("core", 40, 1, 100);

        PlayStep step = runDue(account, play(new StopWhen(80, null, null), CHECKIN_EMAIL));

        assertSkipped(step, "the play's goal is reached: core usage is back to 100% of its baseline (at least 80%)");
    }

    @Test
    void a_save_play_goes_on_while_core_usage_is_still_below_the_goal() {
        TestData account = TestData.account("Still Down", Segment.HIGH_TOUCH)
                .usage("core", 40, 8, 100).usage("core", 7, 1, 50);

        PlayStep step = runDue(account, play(new StopWhen(80, null, null), CALL_TASK));

        assertThat(step.status()).isEqualTo(StepStatus.DONE);
    }

    @Test
    void an_email_is_skipped_when_its_only_matching_contact_unsubscribed() {
        TestData account = TestData.account("Unsubscribed Ltd", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        jdbc.sql("UPDATE contact SET unsubscribed = true WHERE account_id = ?").param(account.id()).update();

        PlayStep step = startTenDaysAgoAndRun(account, play(StopWhen.NEVER, CHECKIN_EMAIL));

        assertSkipped(step, "no reachable contact with role champion");
    }

    @Test
    void an_email_is_skipped_when_its_only_matching_contact_is_gone() {
        TestData account = TestData.account("Gone Ltd", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        jdbc.sql("UPDATE contact SET active = false WHERE account_id = ?").param(account.id()).update();

        PlayStep step = startTenDaysAgoAndRun(account, play(StopWhen.NEVER, CHECKIN_EMAIL));

        assertSkipped(step, "no reachable contact with role champion");
    }

    @Test
    void a_follow_up_task_is_skipped_while_the_earlier_task_of_the_play_is_still_open() {
        TestData account = TestData.account("Open Work", Segment.HIGH_TOUCH);
        PlayDefinition play = new PlayDefinition("still-applies-check", "Still applies check", null, Span.ZERO,
                List.of(CALL_TASK, followUp(Span.ZERO)), StopWhen.NEVER);

        runDue(account, play);
        await().atMost(Duration.ofSeconds(10)).until(() -> !StepStatus.SCHEDULED.equals(runs.steps(runOf(account)).get(1).status()));

        List<PlayStep> steps = runs.steps(runOf(account));
        assertThat(steps.get(0).status()).isEqualTo(StepStatus.DONE);
        assertSkipped(steps.get(1), "an earlier task of this play is still open (" + steps.get(0).result() + ")");
    }

    @Test
    void a_follow_up_task_is_created_once_the_earlier_task_is_done() {
        TestData account = TestData.account("Done Work", Segment.HIGH_TOUCH);
        PlayDefinition play = new PlayDefinition("still-applies-check", "Still applies check", null, Span.ZERO,
                List.of(CALL_TASK, followUp(Span.ofDays(20))), StopWhen.NEVER);
        runDue(account, play);
        long runId = runOf(account);
        long firstTask = Long.parseLong(runs.steps(runId).get(0).result().substring("task:".length()));
        inbox.complete(firstTask, TaskOutcome.SAVED, "Called");

        // The follow-up comes due now instead of in ten days.
        jdbc.sql("UPDATE play_step SET due_at = ? WHERE run_id = ? AND position = 1")
                .params(java.sql.Timestamp.from(TestClock.now().minusSeconds(1)), runId).update();
        runner.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !StepStatus.SCHEDULED.equals(runs.steps(runId).get(1).status()));

        assertThat(runs.steps(runId).get(1).status()).isEqualTo(StepStatus.DONE);
    }

    private static StepDefinition followUp(Span delay) {
        return new StepDefinition(StepType.TASK, delay, "csm", "Follow up", null, "NORMAL", Span.ofDays(2),
                List.of(), null, true);
    }

    private long runOf(TestData account) {
        return jdbc.sql("SELECT id FROM play_run WHERE account_id = ? AND play_id = 'still-applies-check'")
                .param(account.id()).query(Long.class).single();
    }

    static PlayDefinition play(StopWhen stopWhen, StepDefinition step) {
        return new PlayDefinition("still-applies-check", "Still applies check", null, Span.ZERO, List.of(step), stopWhen);
    }

    /** Stores the account and its signals, starts the play ten days ago, and runs its now long-due step. */
    private PlayStep runDue(TestData account, PlayDefinition play) {
        intake.accept(account.batch());
        return startTenDaysAgoAndRun(account, play);
    }

    private PlayStep startTenDaysAgoAndRun(TestData account, PlayDefinition play) {
        return startTenDaysAgoAndRun(account, play, () -> { });
    }

    /** {@code meanwhile} happens after the run started and before its step runs. */
    private PlayStep startTenDaysAgoAndRun(TestData account, PlayDefinition play, Runnable meanwhile) {
        Why why = new Why("test", rules.get().version(), Map.of());
        Instant tenDaysAgo = TestClock.now().minus(Duration.ofDays(10));
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, tenDaysAgo).orElseThrow()).runId();
        meanwhile.run();
        runner.runDue();
        // The sweep may have taken the step first; either way it ends once.
        await().atMost(Duration.ofSeconds(10)).until(() -> !StepStatus.SCHEDULED.equals(runs.steps(runId).get(0).status()));
        return runs.steps(runId).get(0);
    }

    private void assertSkipped(PlayStep step, String reason) {
        assertThat(step.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step.result()).isEqualTo(reason);
        assertThat(sentFor(step)).isZero();
        assertThat(timeline.of(step.accountId(), 50)).extracting(TimelineEntry::summary, TimelineEntry::ref)
                .contains(org.assertj.core.groups.Tuple.tuple("Step skipped: " + reason, "step:" + step.id()));
    }

    /** Tasks and emails the step created. */
    private long sentFor(PlayStep step) {
        return jdbc.sql("SELECT (SELECT count(*) FROM task WHERE step_id = ?) + (SELECT count(*) FROM email WHERE step_id = ?)")
                .params(step.id(), step.id()).query(Long.class).single();
    }
}
