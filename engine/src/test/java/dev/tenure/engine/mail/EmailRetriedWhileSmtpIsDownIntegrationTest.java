package dev.tenure.engine.mail;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.PlayRunControl;
import dev.tenure.engine.schedule.StepRunner;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Given an SMTP server that is down (a port nobody listens on), an email step is tried again with a
 * growing wait, keeps its Message-ID, and after the last attempt fails with the error on the timeline. An email
 * waiting for its next attempt whose step will never be tried again (its run cancelled by hand, stopped by a churn,
 * or the step skipped when it came due) ends WITHDRAWN with why, and is not sent when its retry time comes.
 */
// Closed after this class: alive, its scheduler would drain other tests' due steps into an SMTP server that is down.
@DirtiesContext
@SpringBootTest(classes = EngineTestApplication.class,
        properties = {"tenure.mail.retry.max-attempts=3", "tenure.mail.retry.backoff=1h,2h"})
class EmailRetriedWhileSmtpIsDownIntegrationTest {

    private static final StepDefinition CHECKIN_EMAIL = TestPlays.checkInEmail();

    @DynamicPropertySource
    static void smtpDown(DynamicPropertyRegistry registry) {
        int closedPort = closedPort();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> closedPort);
    }

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
    Emails emails;
    @Autowired
    PlayRunControl control;

    @Test
    void an_email_is_retried_with_backoff_and_then_fails_with_the_error_on_the_timeline() {
        TestData account = TestData.account("Smtp Down Co", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        Why why = new Why("test", rules.get().version(), Map.of());
        PlayDefinition play = TestPlays.play("smtp-down", CHECKIN_EMAIL);
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();
        long stepId = runs.steps(runId).get(0).id();

        PlayStep first = attempt(stepId, 1);
        assertThat(first.status()).isEqualTo(StepStatus.SCHEDULED);
        assertThat(first.dueAt()).isCloseTo(TestClock.now().plus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
        assertThat(first.result()).contains("attempt 1 failed");
        assertThat(email(stepId).status()).isEqualTo(EmailStatus.RETRYING);

        comeDue(stepId);
        PlayStep second = attempt(stepId, 2);
        assertThat(second.status()).isEqualTo(StepStatus.SCHEDULED);
        assertThat(second.dueAt()).isCloseTo(TestClock.now().plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));

        comeDue(stepId);
        PlayStep last = attempt(stepId, 3);
        Email email = email(stepId);
        assertThat(last.status()).isEqualTo(StepStatus.FAILED);
        assertThat(last.result()).startsWith("email:" + email.id() + " failed after 3 attempt(s): ").isNotBlank();
        assertThat(email.status()).isEqualTo(EmailStatus.FAILED);
        assertThat(email.error()).isNotBlank();
        assertThat(email.messageId()).isEqualTo("<step-" + stepId + "@tenure>");
        assertThat(emails.list(account.id(), 10)).hasSize(1);
        assertThat(timeline.of(account.id(), 50)).extracting(TimelineEntry::type)
                .containsSubsequence("email.failed", "email.retrying", "email.retrying");
        assertThat(timeline.of(account.id(), 50)).filteredOn(e -> e.type().equals("email.failed"))
                .singleElement().satisfies(e -> assertThat(e.summary()).contains("attempt 3 of 3: " + email.error()));
    }

    @Test
    void given_an_email_waiting_to_be_tried_again_when_its_run_is_cancelled_by_hand_then_it_is_withdrawn_and_never_sent() {
        TestData account = TestData.account("Cancelled While Retrying", Segment.LOW_TOUCH);
        Waiting waiting = waitingToBeTriedAgain(account, TestPlays.play("cancelled-while-retrying", CHECKIN_EMAIL));

        control.cancel(waiting.runId(), "ops@tenure.test");

        Email withdrawn = email(waiting.stepId());
        assertThat(withdrawn.status()).isEqualTo(EmailStatus.WITHDRAWN);
        assertThat(withdrawn.error()).startsWith("not sent: its step was cancelled by ops@tenure.test; attempt 1 failed: ");
        assertThat(step(waiting.stepId()).status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(withdrawals(account)).singleElement().satisfies(e -> {
            assertThat(e.summary()).isEqualTo("Email \"" + withdrawn.subject() + "\" to " + withdrawn.recipient()
                    + " withdrawn: its step was cancelled by ops@tenure.test");
            assertThat(e.ref()).isEqualTo("email:" + withdrawn.id());
        });
        assertNoMoreAttempts(waiting.stepId(), withdrawn);
    }

    @Test
    void given_a_withdrawn_email_when_its_step_is_put_back_by_hand_and_run_then_the_email_is_still_not_sent() {
        TestData account = TestData.account("Put Back By Hand", Segment.LOW_TOUCH);
        Waiting waiting = waitingToBeTriedAgain(account, TestPlays.play("put-back-by-hand", CHECKIN_EMAIL));
        control.cancel(waiting.runId(), "ops@tenure.test");
        Email withdrawn = email(waiting.stepId());
        // What no path of the engine does: the run and its step made to go on again with SQL.
        jdbc.sql("UPDATE play_run SET status = 'RUNNING', ended_at = NULL WHERE id = ?").param(waiting.runId()).update();
        jdbc.sql("UPDATE play_step SET status = 'SCHEDULED', executed_at = NULL WHERE id = ?").param(waiting.stepId()).update();

        assertThat(runner.runOne(waiting.stepId())).isEqualTo(1);

        assertThat(step(waiting.stepId()).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(waiting.stepId()).result()).isEqualTo("email:" + withdrawn.id() + " was withdrawn: " + withdrawn.error());
        assertThat(email(waiting.stepId())).satisfies(e -> {
            assertThat(e.status()).isEqualTo(EmailStatus.WITHDRAWN);
            assertThat(e.attempts()).as("no attempt made").isEqualTo(withdrawn.attempts());
            assertThat(e.error()).isEqualTo(withdrawn.error());
        });
    }

    @Test
    void given_an_email_waiting_to_be_tried_again_when_the_account_cancels_then_it_is_withdrawn_with_the_churn_as_why() {
        TestData account = TestData.account("Churned While Retrying", Segment.LOW_TOUCH);
        Waiting waiting = waitingToBeTriedAgain(account, TestPlays.play("churned-while-retrying", CHECKIN_EMAIL));

        intake.accept(account.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        Email withdrawn = email(waiting.stepId());
        assertThat(runs.find(waiting.runId()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(withdrawn.status()).isEqualTo(EmailStatus.WITHDRAWN);
        assertThat(withdrawn.error()).startsWith("not sent: its step was stopped: the account churned; attempt 1 failed: ");
        assertThat(withdrawals(account)).singleElement().extracting(TimelineEntry::summary).asString()
                .endsWith(" withdrawn: its step was stopped: the account churned");
        assertNoMoreAttempts(waiting.stepId(), withdrawn);
    }

    @Test
    void given_an_email_waiting_to_be_tried_again_when_its_step_no_longer_applies_at_the_retry_then_it_is_withdrawn() {
        TestData account = TestData.account("Paid While Retrying", Segment.LOW_TOUCH);
        PlayDefinition stopsOnPayment = new PlayDefinition("paid-while-retrying", "Paid while retrying", null, Span.ZERO,
                List.of(CHECKIN_EMAIL), new StopWhen(null, true, null), null);
        Waiting waiting = waitingToBeTriedAgain(account, stopsOnPayment);
        intake.accept(account.next().billing(BillingEvent.INVOICE_PAID, 0).batch());

        comeDue(waiting.stepId());
        runner.runDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> step(waiting.stepId()).status() != StepStatus.SCHEDULED);

        Email withdrawn = email(waiting.stepId());
        assertThat(step(waiting.stepId()).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(withdrawn.status()).isEqualTo(EmailStatus.WITHDRAWN);
        assertThat(withdrawn.attempts()).isEqualTo(1);
        assertThat(withdrawn.error()).startsWith("not sent: its step was skipped: the play's goal is reached: an invoice was paid");
        assertThat(withdrawals(account)).singleElement().extracting(TimelineEntry::summary).asString()
                .contains(" withdrawn: its step was skipped: the play's goal is reached");
    }

    @Test
    void given_an_email_left_sending_by_a_node_that_died_when_its_run_is_cancelled_then_it_is_withdrawn_too() {
        TestData account = TestData.account("Cancelled After A Crash", Segment.LOW_TOUCH);
        Waiting waiting = waitingToBeTriedAgain(account, TestPlays.play("cancelled-after-a-crash", CHECKIN_EMAIL));
        // What a node that died after recording its next attempt, before SMTP answered, leaves behind.
        jdbc.sql("UPDATE email SET status = 'SENDING' WHERE step_id = ?").param(waiting.stepId()).update();

        control.cancel(waiting.runId(), "ops@tenure.test");

        assertThat(email(waiting.stepId()).status()).isEqualTo(EmailStatus.WITHDRAWN);
        assertThat(email(waiting.stepId()).error()).startsWith("not sent: its step was cancelled by ops@tenure.test");
    }

    /** A run of this play whose first email failed once and waits for its next attempt. */
    private Waiting waitingToBeTriedAgain(TestData account, PlayDefinition play) {
        intake.accept(account.batch());
        Why why = new Why("test", rules.get().version(), Map.of());
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();
        long stepId = runs.steps(runId).get(0).id();
        attempt(stepId, 1);
        assertThat(email(stepId).status()).isEqualTo(EmailStatus.RETRYING);
        return new Waiting(runId, stepId);
    }

    private record Waiting(long runId, long stepId) {
    }

    /** Its retry time comes, the due steps are drained and the step is asked for by id: nothing tries it again. */
    private void assertNoMoreAttempts(long stepId, Email withdrawn) {
        comeDue(stepId);
        runner.runDue();
        assertThat(runner.runOne(stepId)).isZero();
        assertThat(email(stepId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(EmailStatus.WITHDRAWN);
            assertThat(e.attempts()).isEqualTo(withdrawn.attempts());
            assertThat(e.error()).isEqualTo(withdrawn.error());
        });
    }

    private List<TimelineEntry> withdrawals(TestData account) {
        return timeline.of(account.id(), 50).stream().filter(e -> e.type().equals("email.withdrawn")).toList();
    }

    /** Runs what is due (the sweep may get there first) until the email's attempt count reaches the given one. */
    private PlayStep attempt(long stepId, int number) {
        runner.runDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> emails.ofStep(stepId).map(e -> e.attempts() >= number
                && e.status() != EmailStatus.SENDING).orElse(false)
                && (number == 3 ? !StepStatus.SCHEDULED.equals(step(stepId).status()) : step(stepId).dueAt().isAfter(TestClock.now())));
        return step(stepId);
    }

    private void comeDue(long stepId) {
        jdbc.sql("UPDATE play_step SET due_at = ? WHERE id = ?").params(java.sql.Timestamp.from(TestClock.now().minusSeconds(1)), stepId).update();
    }

    private PlayStep step(long stepId) {
        return jdbc.sql("SELECT run_id FROM play_step WHERE id = ?").param(stepId).query(Long.class).optional()
                .map(runs::steps).orElseThrow().stream().filter(s -> s.id() == stepId).findFirst().orElseThrow();
    }

    private Email email(long stepId) {
        return emails.ofStep(stepId).orElseThrow();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
