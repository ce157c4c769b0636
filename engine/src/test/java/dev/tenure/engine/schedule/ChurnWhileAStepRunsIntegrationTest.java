package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A churn, or a cancel by hand, that lands while the step runner holds one of the run's steps: the runner carries
 * its step out and commits, the churn waits for it and then stops the run and closes what the step left. Neither
 * waits on the other for ever, nor is either rolled back as a deadlock's victim: the runner's task or email row
 * only needs the run to stay (a key-share lock on it), which stopping the run must not take away.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class ChurnWhileAStepRunsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    PlayRunControl control;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Inbox inbox;

    @Test
    void given_the_runner_creating_a_task_when_the_account_cancels_then_both_commit_and_the_task_is_closed_as_churned() throws Exception {
        TestData leaving = TestData.account("Leaving Mid Step", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        Run started = run(leaving, TestPlays.task(Span.ofDays(3), "Call the champion"));

        Outcome outcome = race(started, () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch()));

        assertThat(outcome.stepsRun()).isEqualTo(1);
        assertThat(outcome.stopped()).as("the churn commits").isTrue();
        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        List<Task> tasks = inbox.list(new TaskQuery(null, leaving.id(), null, null, 10));
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            assertThat(task.outcome()).isEqualTo(TaskOutcome.CHURNED);
        });
    }

    @Test
    void given_the_runner_writing_an_email_when_the_account_cancels_then_both_commit_and_the_run_is_stopped() throws Exception {
        TestData leaving = TestData.account("Leaving Mid Email", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        Run started = run(leaving, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));

        Outcome outcome = race(started, () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch()));

        assertThat(outcome.stepsRun()).isEqualTo(1);
        assertThat(outcome.stopped()).as("the churn commits").isTrue();
        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void given_the_runner_creating_a_task_when_a_person_cancels_the_run_then_both_commit() throws Exception {
        TestData account = TestData.account("Cancelled Mid Step", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        Run started = run(account, TestPlays.task(Span.ofDays(3), "Call the champion"));

        Outcome outcome = race(started, () -> control.cancel(started.id(), "ops@tenure.test"));

        assertThat(outcome.stepsRun()).isEqualTo(1);
        assertThat(outcome.stopped()).isTrue();
        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    /**
     * Why a worker does not read the account's stage again just before it hands a step's email to SMTP: a churn of
     * the account cannot commit while the worker holds the step (stopping the run updates the step, and waits for
     * the worker), so a read without a lock sees the account as it was until the worker has committed; a locking read
     * would wait for the churn, which waits for the worker. The email goes out, and the churn then stops the run.
     */
    @Test
    void given_a_worker_holding_an_email_step_when_the_account_cancels_then_the_churn_is_not_seen_until_the_worker_lets_go()
            throws Exception {
        TestData leaving = TestData.account("Leaving While Held", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        Run started = run(leaving, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            jdbc.sql("SELECT id FROM play_step WHERE id = ? FOR NO KEY UPDATE").param(started.runStep()).query(Long.class).single();
            holding.countDown();
            try {
                letGo.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(holding.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> churn = CompletableFuture.runAsync(
                    () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch()));
            await().atMost(PATIENCE).until(() -> waiting("UPDATE play_step SET status = 'CANCELLED'") || churn.isDone());

            assertThat(churn).as("the churn waits for the worker").isNotDone();
            assertThat(stage(leaving)).as("the stage a worker reads meanwhile").isEqualTo("VALUE");

            letGo.countDown();
            worker.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            churn.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(stage(leaving)).isEqualTo("CHURNED");
            assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        } finally {
            letGo.countDown();
        }
    }

    private String stage(TestData account) {
        return jdbc.sql("SELECT stage FROM account WHERE id = ?").param(account.id()).query(String.class).single();
    }

    /**
     * A run of two steps days away (the runner is made to run them, not the sweep): the first as another worker
     * holds it, the second as this worker carries it out.
     */
    private Run run(TestData account, StepDefinition second) {
        Why why = new Why("test", rules.get().version(), Map.of());
        long id = transaction.execute(tx -> runs.start(account.id(), TestPlays.play("run-mid-churn",
                TestPlays.task(Span.ofDays(3), "Held by another worker"), second), why, TestClock.now()).orElseThrow()).runId();
        return new Run(id, runs.steps(id).get(0).id(), runs.steps(id).get(1).id());
    }

    private record Run(long id, long heldStep, long runStep) {
    }

    private record Outcome(int stepsRun, boolean stopped) {
    }

    /**
     * The interleaving two step workers and a stop can fall into: another worker holds the run's first step, so the
     * stop (a churn, a cancel) has locked the run and waits at that step; meanwhile this worker claims the second
     * step and carries it out; then the other worker lets go.
     */
    private Outcome race(Run started, Runnable stop) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Void> otherWorker = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            jdbc.sql("SELECT id FROM play_step WHERE id = ? FOR NO KEY UPDATE").param(started.heldStep()).query(Long.class).single();
            holding.countDown();
            try {
                letGo.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(holding.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(stop);
            await().atMost(PATIENCE).until(() -> waiting("UPDATE play_step SET status = 'CANCELLED'") || stopping.isDone());
            CompletableFuture<Integer> working = CompletableFuture.supplyAsync(() -> runner.runOne(started.runStep()));
            // The runner either finishes its step or waits on the stop: either way it has claimed the step.
            await().atMost(PATIENCE).until(() -> working.isDone() || waiting("INSERT INTO task") || waiting("INSERT INTO email"));
            letGo.countDown();
            otherWorker.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            int ran = working.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(ran, !stopping.isCompletedExceptionally());
        } finally {
            letGo.countDown();
        }
    }

    /** Whether a statement starting so waits for a lock another transaction holds. */
    private boolean waiting(String statement) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND ltrim(query, E' \\n') LIKE ?""")
                .param(statement + "%").query(Long.class).single() > 0;
    }
}
