package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRunChanges;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A CSM pauses, resumes or cancels a running play; the remaining steps wait, move or end with it. */
@SpringBootTest(classes = EngineTestApplication.class)
class PauseResumeCancelIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    PlayRunChanges changes;
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
    PlayRunControl control;
    @Autowired
    Accounts accounts;

    @Test
    void resuming_moves_every_remaining_step_later_by_as_long_as_the_run_was_paused() {
        TestData account = stored("Paused Then Resumed");
        Instant start = TestClock.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        long runId = start(account, play(Span.ofDays(1), Span.ofDays(3), Span.ofDays(30)), start);

        inTransaction(() -> changes.pause(runId, "alice@tenure.test", start.plus(Duration.ofHours(1))));
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
        assertThat(runs.steps(runId)).extracting(PlayStep::status).containsOnly(StepStatus.PAUSED);

        List<Instant> due = transaction.execute(tx -> changes.resume(runId, "bob@tenure.test", start.plus(Duration.ofHours(5))));

        Duration paused = Duration.ofHours(4);
        List<Instant> expected = List.of(start.plus(Duration.ofDays(1)).plus(paused), start.plus(Duration.ofDays(3)).plus(paused),
                start.plus(Duration.ofDays(30)).plus(paused));
        assertThat(due).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(runs.steps(runId)).extracting(PlayStep::dueAt).containsExactlyElementsOf(expected);
        assertThat(runs.steps(runId)).extracting(PlayStep::status).containsOnly(StepStatus.SCHEDULED);
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(summaries(account)).contains(
                "Play \"Pause check\" paused by alice@tenure.test",
                "Play \"Pause check\" resumed by bob@tenure.test after 4h 0m; its remaining steps moved later by as much");
    }

    @Test
    void a_paused_step_that_comes_due_is_not_run() {
        TestData account = stored("Paused Past Due");
        Instant tenDaysAgo = TestClock.now().minus(Duration.ofDays(10));
        long runId = transaction.execute(tx -> {
            long id = runs.start(account.id(), play(Span.ZERO), why(), tenDaysAgo).orElseThrow().runId();
            changes.pause(id, "api", tenDaysAgo);
            return id;
        });

        runner.runDue();

        assertThat(runs.steps(runId)).extracting(PlayStep::status).containsExactly(StepStatus.PAUSED);
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE run_id = ?").param(runId).query(Long.class).single()).isZero();
    }

    @Test
    void cancelling_ends_the_run_and_its_remaining_steps() {
        TestData account = stored("Cancelled Play");
        Instant now = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        long runId = start(account, play(Span.ofDays(2), Span.ofDays(5)), now);
        inTransaction(() -> changes.pause(runId, "api", now.plusSeconds(60)));

        inTransaction(() -> changes.cancel(runId, "carol@tenure.test", now.plusSeconds(120)));

        var run = runs.find(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.endedAt()).isEqualTo(now.plusSeconds(120));
        assertThat(run.steps()).extracting(PlayStep::status).containsOnly(StepStatus.CANCELLED);
        assertThat(run.steps()).extracting(PlayStep::result).containsOnly("cancelled by carol@tenure.test");
        assertThat(summaries(account)).contains("Play \"Pause check\" cancelled by carol@tenure.test");
    }

    @Test
    void a_change_the_run_is_not_in_a_state_for_is_refused() {
        TestData account = stored("Refused Changes");
        Instant now = TestClock.now();
        long runId = start(account, play(Span.ofDays(2)), now);

        assertThatThrownBy(() -> inTransaction(() -> changes.resume(runId, "api", now)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("play run " + runId + " is RUNNING and cannot be resumed (only a run that is PAUSED)");
        inTransaction(() -> changes.cancel(runId, "api", now));
        assertThatThrownBy(() -> inTransaction(() -> changes.pause(runId, "api", now)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is CANCELLED and cannot be paused");
    }

    @Test
    void a_run_the_customer_s_cancellation_stopped_cannot_be_resumed_and_the_refusal_names_the_account_and_why() {
        TestData account = stored("Stopped By Churn");
        Instant now = TestClock.now();
        long runId = start(account, play(Span.ofDays(2)), now);
        inTransaction(() -> changes.pause(runId, "api", now));
        intake.accept(account.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        assertThatThrownBy(() -> inTransaction(() -> changes.resume(runId, "api", now.plusSeconds(60))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("play run " + runId + " of account " + account.id() + " was stopped: the account churned; it cannot be resumed");
    }

    @Test
    void a_paused_run_at_an_account_that_churned_without_stopping_it_cannot_be_resumed() {
        // The account-lifecycle migration (V23) churned accounts in place and left their runs as they were; a stage
        // written behind the engine's back stands for one of them.
        TestData account = stored("Churned In Place");
        Instant now = TestClock.now();
        long runId = start(account, play(Span.ofDays(2)), now);
        inTransaction(() -> changes.pause(runId, "api", now));
        jdbc.sql("UPDATE account SET stage = 'CHURNED' WHERE id = ?").param(account.id()).update();

        assertThatThrownBy(() -> inTransaction(() -> changes.resume(runId, "api", now.plusSeconds(60))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("play run " + runId + " of account " + account.id() + " cannot be resumed: the account churned");
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
        assertThat(runs.steps(runId)).extracting(PlayStep::status).containsOnly(StepStatus.PAUSED);
    }

    @Test
    void a_resume_asked_while_the_account_churns_waits_for_the_churn_and_is_refused_without_a_deadlock() throws Exception {
        TestData account = stored("Resumed Mid Churn");
        Instant now = TestClock.now();
        long runId = start(account, play(Span.ofDays(2)), now);
        inTransaction(() -> changes.pause(runId, "api", now));
        CountDownLatch moved = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        // The churn as AccountLifecycle.move makes it, held between its two steps: the stage, then the runs.
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> inTransaction(() -> {
            accounts.changeStage(account.id(), Stage.CHURNED, now, ChangeCause.lifecycle("subscription cancelled"));
            moved.countDown();
            try {
                stop.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            changes.stopFor(account.id(), Stage.CHURNED, Audience.CHURNED_ACCOUNT, now);
        }));
        assertThat(moved.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> resume = CompletableFuture.runAsync(() -> control.resume(runId, "ops@tenure.test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> resume.isDone() || jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                .query(Long.class).single() > 0);
        stop.countDown();

        churn.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> resume.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("play run " + runId + " of account " + account.id() + " was stopped: the account churned; it cannot be resumed");
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void a_paused_run_still_counts_as_running_and_a_cancelled_one_only_within_its_cooldown() {
        TestData account = stored("Guarded Play");
        Instant now = TestClock.now();
        PlayDefinition noCooldown = play(Span.ofDays(2));
        long runId = start(account, noCooldown, now);

        inTransaction(() -> changes.pause(runId, "api", now));
        assertThat(tryStart(account, noCooldown, now)).isEmpty();

        inTransaction(() -> changes.cancel(runId, "api", now));
        PlayDefinition withCooldown = new PlayDefinition(noCooldown.id(), noCooldown.name(), null, Span.ofDays(30),
                noCooldown.steps());
        assertThat(tryStart(account, withCooldown, now)).isEmpty();
        assertThat(tryStart(account, noCooldown, now)).isPresent();
    }

    private TestData stored(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return account;
    }

    private long start(TestData account, PlayDefinition play, Instant at) {
        return transaction.execute(tx -> runs.start(account.id(), play, why(), at).orElseThrow()).runId();
    }

    private java.util.Optional<StartedRun> tryStart(TestData account, PlayDefinition play, Instant at) {
        return transaction.execute(tx -> runs.start(account.id(), play, why(), at));
    }

    private Why why() {
        return new Why("test", rules.get().version(), Map.of());
    }

    private void inTransaction(Runnable change) {
        transaction.executeWithoutResult(tx -> change.run());
    }

    private List<String> summaries(TestData account) {
        return timeline.of(account.id(), 50).stream().map(TimelineEntry::summary).toList();
    }

    private static PlayDefinition play(Span... delays) {
        List<StepDefinition> steps = java.util.Arrays.stream(delays).map(d -> new StepDefinition(StepType.TASK, d, "csm",
                "Check in", null, "NORMAL", Span.ofDays(1), List.of(), null)).toList();
        return new PlayDefinition("pause-check", "Pause check", null, Span.ZERO, steps);
    }
}
