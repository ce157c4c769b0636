package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskOutcome;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.tasks.TaskStatus;
import dev.tenure.engine.testing.SharedGreenMail;
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
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
    @Autowired
    Accounts accounts;

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

    /**
     * The worker claims the email step after the churn has begun (it holds the account, and waits at the run's other
     * step): the email is not sent to a customer whose cancellation is being written, but waits for it, and the churn
     * then cancels it.
     */
    @Test
    void given_the_runner_reaching_an_email_while_the_account_cancels_then_both_commit_and_nothing_is_sent() throws Exception {
        TestData leaving = TestData.account("Leaving Mid Email", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        Run started = run(leaving, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));

        Outcome outcome = race(started, () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch()));

        assertThat(outcome.stepsRun()).isEqualTo(1);
        assertThat(outcome.stopped()).as("the churn commits").isTrue();
        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(started.id())).filteredOn(step -> step.id() == started.runStep()).singleElement()
                .extracting(PlayStep::status).isEqualTo(StepStatus.CANCELLED);
        assertThat(jdbc.sql("SELECT count(*) FROM email WHERE step_id = ?").param(started.runStep()).query(Long.class).single())
                .as("no email written").isZero();
        assertThat(SharedGreenMail.to("champion@" + leaving.id() + ".test")).as("nothing sent").isEmpty();
    }

    /**
     * Another change of the account being written (a source's update, an evaluation) holds the email back a moment,
     * not for good: once it has committed, the email goes out.
     */
    @Test
    void given_an_account_being_changed_when_its_email_comes_due_then_it_waits_a_moment_and_goes_out_after() throws Exception {
        TestData account = TestData.account("Changed While Due", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        OnlyStep started = onlyStep(account, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));

        try (Held change = held(() -> jdbc.sql("SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE")
                .param(account.id()).query(String.class).single())) {
            assertThat(runner.runOne(started.step())).isEqualTo(1);
            assertThat(emailsOf(started)).as("nothing written while the account is being changed").isEmpty();
            change.letGo();
        }
        PlayStep waiting = runs.steps(started.id()).get(0);
        assertThat(waiting.status()).isEqualTo(StepStatus.SCHEDULED);
        assertThat(waiting.dueAt()).isAfter(TestClock.now()).isBeforeOrEqualTo(TestClock.now().plusSeconds(60));

        jdbc.sql("UPDATE play_step SET due_at = ? WHERE id = ?").params(java.sql.Timestamp.from(TestClock.now()), started.step()).update();
        assertThat(runner.runOne(started.step())).isEqualTo(1);

        assertThat(emailsOf(started)).containsExactly("SENT");
        assertThat(SharedGreenMail.to("champion@" + account.id() + ".test")).hasSize(1);
        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
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
     * The guardrails judge an email before its account's row is read: one past the hour it may still go out after its
     * time of day waits for that time tomorrow, even while its account is being changed, rather than coming due again
     * in a moment and then passing for an email that just came due.
     */
    @Test
    void given_an_email_too_late_for_its_time_of_day_while_its_account_is_being_changed_then_it_waits_for_that_time()
            throws Exception {
        TestData account = TestData.account("Late While Changed", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        StepDefinition atNine = new StepDefinition(StepType.EMAIL, Span.ofDays(3), null, null, null, null, null,
                List.of("champion"), "usage-drop-checkin", new SendWindow(false, false, LocalTime.of(9, 0)), false, null, List.of());
        OnlyStep started = onlyStep(account, atNine);
        // Due five hours ago: past the hour an at-time email may still go out late.
        jdbc.sql("UPDATE play_step SET due_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(TestClock.now().minus(Duration.ofHours(5))), started.step()).update();

        try (Held change = held(() -> jdbc.sql("SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE")
                .param(account.id()).query(String.class).single())) {
            assertThat(runner.runOne(started.step())).isEqualTo(1);
            change.letGo();
        }

        PlayStep waiting = runs.steps(started.id()).get(0);
        assertThat(waiting.status()).isEqualTo(StepStatus.SCHEDULED);
        assertThat(waiting.dueAt()).as("its time of day, not a moment later").isAfter(TestClock.now().plus(Duration.ofHours(1)));
        assertThat(emailsOf(started)).isEmpty();
    }

    /**
     * A worker about to hand a step's email to SMTP holds the step and the account's row (read FOR SHARE): a churn
     * that begins then waits for the email to be out, and the stage the worker read stays true until it has committed.
     */
    @Test
    void given_a_worker_holding_an_email_step_when_the_account_cancels_then_the_churn_is_not_seen_until_the_worker_lets_go()
            throws Exception {
        TestData leaving = TestData.account("Leaving While Held", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        Run started = run(leaving, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));
        try (Held worker = held(() -> {
            jdbc.sql("SELECT id FROM play_step WHERE id = ? FOR NO KEY UPDATE").param(started.runStep()).query(Long.class).single();
            assertThat(accounts.stagesNotBeingChanged(List.of(leaving.id()))).containsKey(leaving.id());
        })) {
            CompletableFuture<Void> churn = CompletableFuture.runAsync(
                    () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch()));
            await().atMost(PATIENCE).until(() -> waitingNow("") > 0 || churn.isDone());

            assertThat(churn).as("the churn waits for the worker").isNotDone();
            assertThat(stage(leaving)).as("the stage a worker reads meanwhile").isEqualTo("VALUE");

            worker.letGo();
            churn.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(stage(leaving)).isEqualTo("CHURNED");
            assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        }
    }

    @Test
    void given_the_runner_creating_a_one_step_runs_task_when_the_account_cancels_then_both_commit_and_the_task_is_closed_as_churned()
            throws Exception {
        TestData leaving = TestData.account("Leaving Last Step", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        OnlyStep started = onlyStep(leaving, TestPlays.task(Span.ofDays(3), "Call the champion"));

        assertThat(raceOnlyStep(started, "task", () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch())))
                .as("the churn commits").succeedsWithin(PATIENCE);

        assertThat(stage(leaving)).as("the churn commits").isEqualTo("CHURNED");
        assertThat(runs.find(started.id()).orElseThrow().status()).as("the run the churn held is stopped")
                .isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(started.id())).singleElement().extracting(PlayStep::status).isEqualTo(StepStatus.DONE);
        assertThat(inbox.list(new TaskQuery(null, leaving.id(), null, null, 10))).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            assertThat(task.outcome()).isEqualTo(TaskOutcome.CHURNED);
        });
    }

    /**
     * The cancellation arrives after the worker has read the account for its email: the churn waits at the account
     * until the email is out. The run's only step is then done, so the run has ended by the time the churn looks for
     * runs to stop, as completed, or as cancelled if the churn reaches it before the worker's completion: both are
     * true of a run whose last email went out just before the account churned, and neither leaves it running.
     */
    @Test
    void given_the_runner_sending_a_one_step_runs_email_when_the_account_cancels_then_both_commit_and_it_is_sent_once()
            throws Exception {
        TestData leaving = TestData.account("Leaving Last Email", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        OnlyStep started = onlyStep(leaving, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));

        assertThat(raceOnlyStep(started, "email", () -> intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch())))
                .as("the churn commits").succeedsWithin(PATIENCE);

        assertThat(stage(leaving)).as("the churn commits").isEqualTo("CHURNED");
        await().atMost(PATIENCE).until(() -> runs.find(started.id()).orElseThrow().status() != RunStatus.RUNNING);
        assertThat(runs.find(started.id()).orElseThrow().status()).isIn(RunStatus.COMPLETED, RunStatus.CANCELLED);
        assertThat(runs.steps(started.id())).singleElement().extracting(PlayStep::status).isEqualTo(StepStatus.DONE);
        assertThat(emailsOf(started)).containsExactly("SENT");
        assertThat(SharedGreenMail.to("champion@" + leaving.id() + ".test")).hasSize(1);
    }

    @Test
    void given_the_runner_creating_a_one_step_runs_task_when_a_person_cancels_the_run_then_both_commit_and_the_run_is_cancelled()
            throws Exception {
        TestData account = TestData.account("Cancelled Last Step", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        OnlyStep started = onlyStep(account, TestPlays.task(Span.ofDays(3), "Call the champion"));

        assertThat(raceOnlyStep(started, "task", () -> control.cancel(started.id(), "ops@tenure.test")))
                .as("the cancel commits").succeedsWithin(PATIENCE);

        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(started.id())).singleElement().extracting(PlayStep::status).isEqualTo(StepStatus.DONE);
        assertThat(inbox.list(new TaskQuery(null, account.id(), null, null, 10))).hasSize(1);
    }

    @Test
    void given_the_runner_sending_a_one_step_runs_email_when_a_person_cancels_the_run_then_both_commit_and_it_is_sent_once()
            throws Exception {
        TestData account = TestData.account("Cancelled Last Email", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        OnlyStep started = onlyStep(account, TestPlays.email(Span.ofDays(3), "champion", "usage-drop-checkin"));

        assertThat(raceOnlyStep(started, "email", () -> control.cancel(started.id(), "ops@tenure.test")))
                .as("the cancel commits").succeedsWithin(PATIENCE);

        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(started.id())).singleElement().extracting(PlayStep::status).isEqualTo(StepStatus.DONE);
        assertThat(emailsOf(started)).containsExactly("SENT");
        assertThat(SharedGreenMail.to("champion@" + account.id() + ".test")).hasSize(1);
    }

    /**
     * A pause that waited for the run's last step has nothing left to pause: it is refused, as for a run that ended,
     * and the worker, which could not end the run the pause held, ends it once the pause has let go.
     */
    @Test
    void given_the_runner_creating_a_one_step_runs_task_when_a_person_pauses_the_run_then_the_pause_is_refused_and_the_run_completes()
            throws Exception {
        TestData account = TestData.account("Paused Last Step", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        OnlyStep started = onlyStep(account, TestPlays.task(Span.ofDays(3), "Call the champion"));

        assertThat(raceOnlyStep(started, "task", () -> control.pause(started.id(), "ops@tenure.test")))
                .failsWithin(PATIENCE).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(IllegalStateException.class).withMessageContaining("no step left to pause");

        assertThat(runs.find(started.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(runs.steps(started.id())).singleElement().extracting(PlayStep::status).isEqualTo(StepStatus.DONE);
        assertThat(inbox.list(new TaskQuery(null, account.id(), null, null, 10))).singleElement()
                .extracting(Task::status).isEqualTo(TaskStatus.OPEN);
    }

    private List<String> emailsOf(OnlyStep started) {
        return jdbc.sql("SELECT status FROM email WHERE step_id = ?").param(started.step()).query(String.class).list();
    }

    /** A run of one step days away, which the runner is made to run: its last step, which ends the run. */
    private OnlyStep onlyStep(TestData account, StepDefinition only) {
        Why why = new Why("test", rules.get().version(), Map.of());
        long id = transaction.execute(tx -> runs.start(account.id(), TestPlays.play("run-one-step", only), why,
                TestClock.now()).orElseThrow()).runId();
        return new OnlyStep(id, runs.steps(id).get(0).id());
    }

    @Test
    void given_two_workers_running_a_runs_last_two_steps_at_once_then_the_run_completes() throws Exception {
        TestData account = TestData.account("Two Workers Last Steps", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        Run started = run(account, TestPlays.task(Span.ofDays(3), "Send the recap"));
        // Both workers claim their step and wait to write its task; then they go on together, so inside its own
        // transaction each may see the other's step still scheduled.
        try (Held task = held(() -> jdbc.sql("LOCK TABLE task IN SHARE MODE").update())) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> runner.runOne(started.heldStep()));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> runner.runOne(started.runStep()));
            await().atMost(PATIENCE).until(() -> waitingNow("INSERT INTO task") == 2 || first.isDone() || second.isDone());
            task.letGo();

            assertThat(first).succeedsWithin(PATIENCE).isEqualTo(1);
            assertThat(second).succeedsWithin(PATIENCE).isEqualTo(1);
        }

        assertThat(runs.steps(started.id())).extracting(PlayStep::status).containsOnly(StepStatus.DONE);
        assertThat(runs.find(started.id()).orElseThrow().status()).as("no run is left running with nothing to do")
                .isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void given_a_run_whose_completion_after_its_last_batch_was_lost_then_the_sweep_completes_it() throws Exception {
        TestData account = TestData.account("Stranded Run", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        Run stranded = run(account, TestPlays.task(Span.ofDays(3), "Send the recap"));
        TestData other = TestData.account("Held Stranded Run", Segment.HIGH_TOUCH);
        intake.accept(other.batch());
        Run held = run(other, TestPlays.task(Span.ofDays(3), "Send the recap"));
        // Both steps ran and committed; the node stopped before the second transaction that ends the run.
        jdbc.sql("UPDATE play_step SET status = 'DONE' WHERE run_id IN (?, ?)").params(stranded.id(), held.id()).update();

        // The runner's own sweep may be going over the same runs meanwhile (it runs with the due steps, and skips what
        // this one holds, as this one skips what it holds): the test judges the runs, not who completed them.
        try (Held change = held(() -> jdbc.sql("SELECT id FROM play_run WHERE id = ? FOR NO KEY UPDATE")
                .param(held.id()).query(Long.class).single())) {
            await().atMost(PATIENCE).until(() -> {
                runs.completeStranded(TestClock.now(), 10_000);
                return runs.find(stranded.id()).orElseThrow().status() == RunStatus.COMPLETED;
            });
            assertThat(runs.find(held.id()).orElseThrow().status()).as("a run another transaction holds is left for the next sweep")
                    .isEqualTo(RunStatus.RUNNING);
        }

        await().atMost(PATIENCE).until(() -> {
            runs.completeStranded(TestClock.now(), 10_000);
            return runs.find(held.id()).orElseThrow().status() == RunStatus.COMPLETED;
        });
    }

    private record OnlyStep(long id, long step) {
    }

    /**
     * A stop (a churn, a cancel) that lands while the worker holds the run's only step: the worker has claimed it and
     * is writing its task or email row (kept waiting by a lock on that table), the stop (or a pause) locks the run and
     * waits at the step; then the worker goes on, finishes the step, and would end the run. The worker commits, and the stop is
     * over, within patience; the stop is returned, done.
     */
    private CompletableFuture<Void> raceOnlyStep(OnlyStep started, String table, Runnable stop) throws Exception {
        try (Held rows = held(() -> jdbc.sql("LOCK TABLE " + table + " IN SHARE MODE").update())) {
            CompletableFuture<Integer> working = CompletableFuture.supplyAsync(() -> runner.runOne(started.step()));
            await().atMost(PATIENCE).until(() -> waiting("INSERT INTO " + table) || working.isDone());
            assertThat(working).as("the worker holds the step while it writes its " + table).isNotDone();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(stop);
            // Cancelling or pausing the step waits for the worker; a churn already at the account, whose row the worker
            // holds while its email is sent.
            await().atMost(PATIENCE).until(() -> waitingNow("") > 1 || stopping.isDone());
            rows.letGo();
            assertThat(working).as("the worker carries its step out").succeedsWithin(PATIENCE).isEqualTo(1);
            await().atMost(PATIENCE).until(stopping::isDone);
            return stopping;
        }
    }

    /**
     * A lock taken by another transaction (a table, or a step as another worker holds it), held until
     * {@link Held#letGo} or the end of the try block, whichever comes first.
     */
    private Held held(Runnable lock) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            lock.run();
            holding.countDown();
            try {
                letGo.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(holding.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the lock is taken").isTrue();
        return new Held(holder, letGo);
    }

    private record Held(CompletableFuture<Void> holder, CountDownLatch released) implements AutoCloseable {

        /** Ends the holding transaction and waits until it has. */
        void letGo() throws Exception {
            released.countDown();
            holder.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            released.countDown();
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
        try (Held otherWorker = held(() -> jdbc.sql("SELECT id FROM play_step WHERE id = ? FOR NO KEY UPDATE")
                .param(started.heldStep()).query(Long.class).single())) {
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(stop);
            await().atMost(PATIENCE).until(() -> waiting("UPDATE play_step SET status = 'CANCELLED'") || stopping.isDone());
            CompletableFuture<Integer> working = CompletableFuture.supplyAsync(() -> runner.runOne(started.runStep()));
            // The runner either finishes its step or waits on the stop: either way it has claimed the step.
            await().atMost(PATIENCE).until(() -> working.isDone() || waiting("INSERT INTO task") || waiting("INSERT INTO email"));
            otherWorker.letGo();
            int ran = working.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return new Outcome(ran, !stopping.isCompletedExceptionally());
        }
    }

    /** Whether a statement starting so waits for a lock another transaction holds. */
    private boolean waiting(String statement) {
        return waitingNow(statement) > 0;
    }

    /** How many statements starting so wait for a lock another transaction holds. */
    private long waitingNow(String statement) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND ltrim(query, E' \\n') LIKE ?""")
                .param(statement + "%").query(Long.class).single();
    }
}
