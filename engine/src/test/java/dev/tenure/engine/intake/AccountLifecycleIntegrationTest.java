package dev.tenure.engine.intake;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.backtest.AccountDryRun;
import dev.tenure.engine.backtest.DryRun;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.StepRunner;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Churned;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The account lifecycle, live: a cancellation makes an account CHURNED in the transaction that stores it, its
 * plays stop with the reason, nothing starts or sends for it except the win-back play, a reactivation brings it
 * back; a failed payment stops counting after 30 days.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class AccountLifecycleIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Accounts accounts;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    AccountDryRun dryRun;
    @Autowired
    FactSets factSets;
    @Autowired
    AccountHistory history;

    @Test
    void given_a_failed_payment_and_a_cancellation_in_one_batch_then_no_payment_play_no_email_and_a_win_back() {
        TestData gone = TestData.account("Gone Together", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 1).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);

        intake.accept(gone.batch());
        runner.runDue();

        assertThat(stage(gone)).isEqualTo(Stage.CHURNED);
        assertThat(plays(gone)).containsExactly("win-back RUNNING");
        assertThat(emails(gone)).isZero();
        assertThat(SharedGreenMail.to("billing@" + gone.id())).isEmpty();
        assertThat(summaries(gone)).anyMatch(s -> s.startsWith("The account churned (subscription cancelled at "));
    }

    @Test
    void given_a_file_with_a_failed_payment_and_a_cancellation_then_its_queued_evaluation_starts_no_payment_play() {
        TestData gone = TestData.account("Gone By File", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 1).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);

        intake.store(gone.batch());
        assertThat(stage(gone)).as("churned as the chunk is stored, before any evaluation").isEqualTo(Stage.CHURNED);
        intake.evaluateQueued();

        assertThat(plays(gone)).doesNotContain("failed-payment RUNNING").allMatch(p -> p.startsWith("win-back "));
    }

    @Test
    void given_a_running_play_when_the_account_cancels_then_it_stops_with_the_reason_and_sends_nothing() {
        TestData leaving = TestData.account("Leaving Later", Segment.HIGH_TOUCH);
        intake.accept(leaving.batch());
        long runId = transaction.execute(tx -> runs.start(leaving.id(), TestPlays.play("check-in-later",
                TestPlays.task(Span.ofDays(3), "Call the champion"), TestPlays.email(Span.ofDays(5), "champion", "usage-drop-checkin")),
                new Why("test", rules.get().version(), Map.of()), TestClock.now()).orElseThrow()).runId();

        intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(runId)).extracting(PlayStep::status, PlayStep::result)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(StepStatus.CANCELLED, "stopped: the account churned"));
        assertThat(summaries(leaving)).contains("Play \"check-in-later\" stopped: the account churned");
        assertThat(plays(leaving)).contains("win-back RUNNING");
    }

    @Test
    void given_a_churned_account_then_no_play_for_customers_starts_and_the_dry_run_says_why() {
        TestData gone = TestData.account("Gone Quiet", Segment.HIGH_TOUCH).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 40);
        intake.accept(gone.batch());

        intake.accept(gone.next().nps(2, 0).billing(BillingEvent.PAYMENT_FAILED, 10).batch());

        assertThat(plays(gone)).isEmpty();
        DryRun dry = dryRun.of(gone.id(), rules.get(), TestClock.now()).orElseThrow();
        assertThat(dry.plays()).extracting(DryRun.PlayVerdict::play, DryRun.PlayVerdict::wouldStart, DryRun.PlayVerdict::refusedBecause)
                .contains(org.assertj.core.groups.Tuple.tuple("failed-payment", false, "the account churned"));
    }

    @Test
    void given_a_churned_account_when_it_is_reactivated_then_it_is_back_at_its_stage_its_win_back_stops_and_plays_start_again() {
        TestData back = TestData.account("Came Back", Segment.LOW_TOUCH).stage(Stage.RENEWAL).contact(ContactRole.BILLING)
                .billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0);
        intake.accept(back.batch());
        assertThat(plays(back)).containsExactly("win-back RUNNING");

        TestData reactivated = back.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0);
        intake.accept(reactivated.batch());
        // Still unpaid a week after it failed: what the starter payment rule acts on.
        intake.accept(reactivated.next().billing(BillingEvent.PAYMENT_FAILED, 8).batch());

        assertThat(stage(back)).isEqualTo(Stage.RENEWAL);
        assertThat(plays(back)).contains("win-back CANCELLED").anyMatch(p -> p.startsWith("failed-payment "));
        assertThat(summaries(back)).contains("Play \"Win back a cancelled customer\" stopped: the account was reactivated");
    }

    @Test
    void an_account_record_with_stage_churned_churns_it_and_another_stage_brings_it_back() {
        TestData crm = TestData.account("Crm Managed", Segment.LOW_TOUCH).stage(Stage.ADOPTION);
        intake.accept(crm.batch());

        intake.accept(crm.next().stage(Stage.CHURNED).batch());
        assertThat(stage(crm)).isEqualTo(Stage.CHURNED);

        intake.accept(crm.next().stage(Stage.VALUE).batch());
        assertThat(stage(crm)).isEqualTo(Stage.VALUE);
    }

    @Test
    void given_a_running_play_when_the_crm_says_churned_then_it_stops_with_the_reason_and_the_win_back_starts_once() {
        // Idle, so in poor health, and renewing in a month: the renewal-risk play, whose second step waits two weeks, runs.
        TestData crm = TestData.account("Crm Says Gone", Segment.HIGH_TOUCH).contact(ContactRole.CHAMPION).renewsInDays(30);
        intake.accept(crm.batch());
        assertThat(plays(crm)).containsExactly("renewal-risk RUNNING");

        intake.accept(crm.next().stage(Stage.CHURNED).batch());
        // The next days' evaluations find the account churned still: the running win-back is not started again.
        intake.reevaluate(List.of(crm.id()));

        assertThat(stage(crm)).isEqualTo(Stage.CHURNED);
        assertThat(plays(crm)).containsExactlyInAnyOrder("renewal-risk CANCELLED", "win-back RUNNING");
        assertThat(summaries(crm)).contains("Play \"Renewal at risk\" stopped: the account churned");
        assertThat(facts(crm).churned()).isNotNull().extracting(Churned::daysAgo).isEqualTo(0L);
    }

    @Test
    void given_an_account_first_heard_of_as_churned_then_no_win_back_reaches_a_customer_gone_for_years() {
        TestData longGone = TestData.account("Gone Before Tenure", Segment.LOW_TOUCH).stage(Stage.CHURNED).contact(ContactRole.BILLING);

        intake.accept(longGone.batch());
        intake.reevaluate(List.of(longGone.id()));

        assertThat(stage(longGone)).isEqualTo(Stage.CHURNED);
        assertThat(facts(longGone).churned()).isNull();
        assertThat(plays(longGone)).isEmpty();
    }

    @Test
    void a_new_account_a_file_names_twice_ends_at_its_last_line_s_stage_and_gets_no_play_once_that_says_churned() {
        // A detractor at a high-touch account starts the NPS play for a customer: not once the file says it left.
        TestData gone = TestData.account("Named Twice", Segment.HIGH_TOUCH).nps(2, 0);
        Batch twice = new Batch(List.of(new Labeled<>("accounts.csv line 2", gone.account()),
                new Labeled<>("accounts.csv line 3", gone.account().withStage(Stage.CHURNED))),
                gone.batch().contacts(), gone.batch().signals());

        intake.accept(twice);

        assertThat(stage(gone)).isEqualTo(Stage.CHURNED);
        assertThat(plays(gone)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE account_id = ?").param(gone.id()).query(Long.class).single()).isZero();
    }

    @Test
    void a_new_account_a_file_names_churned_and_then_back_ends_at_the_stage_of_its_last_line() {
        TestData back = TestData.account("Named Twice Back", Segment.LOW_TOUCH).stage(Stage.ADOPTION);
        Batch twice = new Batch(List.of(new Labeled<>("accounts.csv line 2", back.account().withStage(Stage.CHURNED)),
                new Labeled<>("accounts.csv line 3", back.account())), List.of(), List.of());

        intake.accept(twice);

        assertThat(stage(back)).isEqualTo(Stage.ADOPTION);
    }

    @Test
    void an_export_that_still_says_value_does_not_undo_a_cancellation() {
        TestData stale = TestData.account("Stale Export", Segment.LOW_TOUCH).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 2);
        intake.accept(stale.batch());

        intake.accept(stale.next().batch());

        assertThat(stale.account().stage()).isEqualTo(Stage.VALUE);
        assertThat(stage(stale)).isEqualTo(Stage.CHURNED);
    }

    @Test
    void an_old_cancellation_imported_late_does_not_churn_an_account_that_came_back_since() {
        TestData late = TestData.account("Late Import", Segment.LOW_TOUCH)
                .billing(BillingEvent.SUBSCRIPTION_CANCELLED, 30).billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 20);
        intake.accept(late.batch());

        intake.accept(late.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 40).batch());

        assertThat(stage(late)).isEqualTo(Stage.VALUE);
    }

    @Test
    void an_old_reactivation_imported_late_does_not_undo_a_source_s_newer_churn() {
        TestData crm = TestData.account("Crm Churned Since", Segment.LOW_TOUCH);
        intake.accept(crm.batch());
        intake.accept(crm.next().stage(Stage.CHURNED).batch());

        intake.accept(crm.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 90).signalsOnly());

        assertThat(stage(crm)).isEqualTo(Stage.CHURNED);
        assertThat(history.stageChangesOf(crm.id(), 10)).extracting(StageChange::from, StageChange::to)
                .containsExactly(tuple(Stage.VALUE, Stage.CHURNED), tuple(null, Stage.VALUE));
    }

    @Test
    void an_old_cancellation_imported_late_does_not_churn_an_account_a_source_brought_back_since() {
        TestData crm = TestData.account("Crm Back Since", Segment.LOW_TOUCH);
        intake.accept(crm.batch());
        intake.accept(crm.next().stage(Stage.CHURNED).batch());
        intake.accept(crm.next().stage(Stage.VALUE).batch());

        intake.accept(crm.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 90).signalsOnly());

        assertThat(stage(crm)).isEqualTo(Stage.VALUE);
    }

    @Test
    void an_old_cancellation_imported_after_a_source_churned_the_account_does_not_keep_that_source_from_bringing_it_back() {
        TestData crm = TestData.account("Crm Churned First", Segment.LOW_TOUCH);
        intake.accept(crm.batch());
        intake.accept(crm.next().stage(Stage.CHURNED).batch());
        intake.accept(crm.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 90).signalsOnly());

        intake.accept(crm.next().stage(Stage.EXPANSION).batch());

        assertThat(stage(crm)).isEqualTo(Stage.EXPANSION);
    }

    @Test
    void a_reactivation_after_a_source_s_churn_brings_the_account_back() {
        TestData crm = TestData.account("Crm Churned Then Paid", Segment.LOW_TOUCH).stage(Stage.RENEWAL);
        intake.accept(crm.batch());
        intake.accept(crm.next().stage(Stage.CHURNED).batch());

        intake.accept(crm.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).signalsOnly());

        assertThat(stage(crm)).isEqualTo(Stage.RENEWAL);
    }

    @Test
    void a_cancellation_dated_months_ahead_is_refused_naming_the_record_and_occurredAt_and_a_reactivation_since_changes_nothing() {
        TestData early = TestData.account("Early Notice", Segment.LOW_TOUCH).contact(ContactRole.BILLING);
        intake.accept(early.batch());
        TestData ahead = early.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, -90);

        assertThatThrownBy(() -> intake.accept(ahead.signalsOnly())).isInstanceOfSatisfying(RejectedRecordsException.class,
                e -> assertThat(e.errors()).extracting(RecordError::record, RecordError::field)
                        .containsExactly(tuple("billing SUBSCRIPTION_CANCELLED", "occurredAt")));
        assertThat(stage(early)).isEqualTo(Stage.VALUE);
        assertThat(plays(early)).isEmpty();

        intake.accept(ahead.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 0).signalsOnly());

        assertThat(stage(early)).isEqualTo(Stage.VALUE);
        assertThat(plays(early)).isEmpty();
    }

    @Test
    void given_two_writers_storing_a_cancellation_and_a_later_reactivation_at_once_then_the_account_ends_back_at_its_stage()
            throws Exception {
        TestData both = TestData.account("Two Writers", Segment.LOW_TOUCH).stage(Stage.RENEWAL);
        intake.accept(both.batch());
        TestData cancelled = both.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 2);
        TestData reactivated = cancelled.next().billing(BillingEvent.SUBSCRIPTION_REACTIVATED, 1);
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        // One writer (a file's chunk, or another node) has stored the cancellation and not committed yet ...
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            intake.store(cancelled.signalsOnly());
            stored.countDown();
            awaitQuietly(commit);
        }));
        assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
        // ... when another stores the reactivation that came a day after it.
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> intake.store(reactivated.signalsOnly()));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone() || waitingForALock());
        commit.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        intake.evaluateQueued();

        assertThat(stage(both)).isEqualTo(Stage.RENEWAL);
        assertThat(plays(both)).noneMatch(p -> p.equals("win-back RUNNING"));
    }

    @Test
    void a_cancellation_stamped_a_minute_ahead_by_a_fast_clock_churns_the_account_at_once() {
        TestData fast = TestData.account("Fast Clock", Segment.LOW_TOUCH);
        intake.accept(fast.batch());

        intake.accept(fast.next().billingAt(BillingEvent.SUBSCRIPTION_CANCELLED, TestClock.now().plusSeconds(60)).signalsOnly());

        assertThat(stage(fast)).isEqualTo(Stage.CHURNED);
        assertThat(plays(fast)).containsExactly("win-back RUNNING");
    }

    @Test
    void a_payment_that_failed_in_august_and_was_never_paid_starts_no_play_in_december() {
        // TestClock's today is 2026-12-09: 117 days after 2026-08-14.
        TestData august = TestData.account("August Failure", Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 117);

        intake.accept(august.batch());

        assertThat(plays(august)).isEmpty();
        BillingStatus billing = facts(august).billing();
        assertThat(billing.lastPaymentFailed()).isFalse();
        assertThat(billing.daysSinceLastPaymentFailed()).isEqualTo(117);
    }

    @Test
    void a_payment_that_failed_29_days_ago_still_counts_and_one_paid_since_does_not() {
        TestData recent = TestData.account("Recent Failure", Segment.LOW_TOUCH).billing(BillingEvent.PAYMENT_FAILED, 29);
        TestData paid = TestData.account("Paid Failure", Segment.LOW_TOUCH)
                .billing(BillingEvent.PAYMENT_FAILED, 5).billing(BillingEvent.INVOICE_PAID, 1);
        intake.accept(recent.batch());
        intake.accept(paid.batch());

        assertThat(facts(recent).billing()).extracting(BillingStatus::lastPaymentFailed, BillingStatus::daysSinceLastPaymentFailed)
                .containsExactly(true, 29);
        assertThat(facts(paid).billing()).extracting(BillingStatus::lastPaymentFailed, BillingStatus::daysSinceLastPaymentFailed)
                .containsExactly(false, -1);
    }

    private boolean waitingForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .query(Long.class).single() > 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FactSet facts(TestData data) {
        Account account = accounts.find(data.id()).orElseThrow();
        return factSets.load(account, rules.get().factSettings(), TestClock.now());
    }

    private Stage stage(TestData data) {
        return accounts.find(data.id()).orElseThrow().stage();
    }

    private List<String> plays(TestData data) {
        return runs.list(data.id(), null, 50).stream().map(r -> r.play() + " " + r.status()).toList();
    }

    private long emails(TestData data) {
        return jdbc.sql("SELECT count(*) FROM email e JOIN play_step s ON s.id = e.step_id WHERE s.account_id = ?")
                .param(data.id()).query(Long.class).single();
    }

    private List<String> summaries(TestData data) {
        return timeline.of(data.id(), 100).stream().map(TimelineEntry::summary).toList();
    }
}
