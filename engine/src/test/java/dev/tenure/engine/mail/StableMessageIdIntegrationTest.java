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
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given a step whose drain died mid-send, when the step runs again, the resend carries the same
 * Message-ID so the receiver can drop the copy; and an email already recorded as SENT is not sent again.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class StableMessageIdIntegrationTest {

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
    JdbcClient jdbc;
    @Autowired
    Emails emails;

    @Test
    void a_step_sent_again_after_an_unknown_outcome_carries_the_same_message_id() throws MessagingException {
        TestData account = TestData.account("Resend Co", Segment.LOW_TOUCH);
        long stepId = startAndRun(account);
        String recipient = "champion@" + account.id() + ".test";
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(recipient).size() == 1);

        // As if the drain died after SMTP took the message but before the reply was recorded.
        jdbc.sql("UPDATE email SET status = 'SENDING' WHERE step_id = ?").param(stepId).update();
        rerun(stepId);
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(recipient).size() == 2);

        List<MimeMessage> received = SharedGreenMail.to(recipient);
        assertThat(received.get(0).getMessageID()).isEqualTo("<step-" + stepId + "@tenure>");
        assertThat(received.get(1).getMessageID()).isEqualTo(received.get(0).getMessageID());
        Email email = emails.ofStep(stepId).orElseThrow();
        assertThat(email.status()).isEqualTo(EmailStatus.SENT);
        assertThat(email.attempts()).isEqualTo(2);
        assertThat(emails.list(account.id(), 10)).hasSize(1);
    }

    @Test
    void a_step_whose_email_is_recorded_as_sent_is_finished_without_sending_again() {
        TestData account = TestData.account("Sent Once Co", Segment.LOW_TOUCH);
        long stepId = startAndRun(account);
        String recipient = "champion@" + account.id() + ".test";
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(recipient).size() == 1);

        // As if the drain died after recording SENT but before finishing the step.
        rerun(stepId);

        assertThat(step(stepId).status()).isEqualTo(StepStatus.DONE);
        assertThat(SharedGreenMail.to(recipient)).hasSize(1);
        assertThat(emails.ofStep(stepId).orElseThrow().attempts()).isEqualTo(1);
    }

    private long startAndRun(TestData account) {
        intake.accept(account.batch());
        Why why = new Why("test", rules.get().version(), Map.of());
        PlayDefinition play = TestPlays.play("stable-message-id", CHECKIN_EMAIL);
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();
        long stepId = runs.steps(runId).get(0).id();
        runner.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> StepStatus.DONE.equals(step(stepId).status()));
        return stepId;
    }

    /** Puts the step and its run back as a drain that died before committing leaves them. */
    private void rerun(long stepId) {
        jdbc.sql("UPDATE play_run SET status = 'RUNNING', ended_at = NULL WHERE id = (SELECT run_id FROM play_step WHERE id = ?)")
                .param(stepId).update();
        jdbc.sql("UPDATE play_step SET status = 'SCHEDULED', due_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(TestClock.now().minusSeconds(1)), stepId).update();
        runner.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> StepStatus.DONE.equals(step(stepId).status()));
    }

    private PlayStep step(long stepId) {
        long runId = jdbc.sql("SELECT run_id FROM play_step WHERE id = ?").param(stepId).query(Long.class).single();
        return runs.steps(runId).stream().filter(s -> s.id() == stepId).findFirst().orElseThrow();
    }
}
