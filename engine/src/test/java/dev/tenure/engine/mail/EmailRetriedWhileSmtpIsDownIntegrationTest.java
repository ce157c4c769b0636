package dev.tenure.engine.mail;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.StepRunner;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Given an SMTP server that is down (a port nobody listens on), an email step is tried again with a
 * growing wait, keeps its Message-ID, and after the last attempt fails with the error on the timeline.
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
