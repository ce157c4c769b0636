package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.mail.Emails;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given due steps that are drained together (a task, an email that cannot be addressed, an email that can),
 * each ends on its own: the task is created, the good email is sent, the bad one fails without holding
 * back the others, and each is on the timeline.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class BatchedStepsIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Contacts contacts;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    Emails emails;
    @Autowired
    Timeline timeline;

    @Test
    void given_a_batch_of_a_task_a_malformed_address_and_a_good_email_then_only_the_malformed_one_fails() {
        TestData account = TestData.account("Batch Mix Co", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        // Two addresses in one field: the message cannot be built, a permanent failure before SMTP.
        contacts.upsert(new Contact(account.id(), "a@" + account.id() + ".test, b@" + account.id() + ".test", "Ada",
                ContactRole.ADMIN, null, true, false));
        PlayDefinition play = TestPlays.play("batch-mix",
                TestPlays.task(Span.ZERO, "Call the champion"),
                TestPlays.email(Span.ZERO, "admin", "usage-drop-checkin"),
                TestPlays.email(Span.ZERO, "champion", "usage-drop-checkin"));
        Why why = new Why("test", rules.get().version(), Map.of());
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();

        runner.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.steps(runId).stream().noneMatch(s -> StepStatus.SCHEDULED.equals(s.status())));
        List<PlayStep> steps = runs.steps(runId);
        assertThat(steps).extracting(PlayStep::status).containsExactly(StepStatus.DONE, StepStatus.FAILED, StepStatus.DONE);
        assertThat(steps.get(0).result()).startsWith("task:");
        assertThat(steps.get(1).result()).contains("failed after 1 attempt(s)");
        assertThat(emails.list(account.id(), 10)).extracting(e -> e.status())
                .containsExactlyInAnyOrder(EmailStatus.SENT, EmailStatus.FAILED);
        assertThat(SharedGreenMail.to("champion@" + account.id() + ".test")).hasSize(1);
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::type)
                .contains("task.created", "email.sent", "email.failed");
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void given_a_task_whose_title_cannot_be_filled_in_then_it_fails_alone_and_the_rest_of_its_batch_runs() {
        TestData account = TestData.account("Broken Title Co", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        // Read no fact the run carries: rendering throws when the step comes due.
        PlayDefinition play = TestPlays.play("broken-title",
                TestPlays.task(Span.ZERO, "Health [[${facts.healthScore.score}]]"),
                TestPlays.task(Span.ZERO, "Call the champion"));
        Why why = new Why("test", rules.get().version(), Map.of());
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();

        runner.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.steps(runId).stream().noneMatch(s -> StepStatus.SCHEDULED.equals(s.status())));
        List<PlayStep> steps = runs.steps(runId);
        assertThat(steps).extracting(PlayStep::status).containsExactly(StepStatus.FAILED, StepStatus.DONE);
        assertThat(steps.get(0).result()).contains("could not be filled in");
    }
}
