package dev.tenure.engine.guardrails;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.mail.Emails;
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
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tech-touch email through the real drain and the real SMTP server (GreenMail), with the default limits:
 * every email carries a signed one-click unsubscribe link, an unsubscribed address gets nothing more,
 * for good, and the third email to one contact within 7 days is suppressed.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class TechTouchGuardrailsIntegrationTest {

    private static final Pattern LINK = Pattern.compile("href=\"(http://localhost:8080/unsubscribe/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+))\"");

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
    UnsubscribeLinks links;
    @Autowired
    Unsubscribes unsubscribes;
    @Autowired
    Suppressions suppressions;
    @Autowired
    Timeline timeline;
    @Autowired
    Emails emails;
    @Autowired
    JdbcClient jdbc;

    @Test
    void given_a_tech_touch_email_then_it_carries_one_click_unsubscribe_headers_and_a_body_link_whose_token_verifies() throws Exception {
        TestData account = TestData.account("Headers Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = champion(account);

        List<PlayStep> steps = startAndRun(account, TestPlays.checkInEmail());
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(champion).size() == 1);

        MimeMessage received = SharedGreenMail.to(champion).get(0);
        Matcher link = LINK.matcher(GreenMailUtil.getBody(received).replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).as("an unsubscribe link in the body").isTrue();
        assertThat(received.getHeader("List-Unsubscribe", null)).isEqualTo("<" + link.group(1) + ">");
        assertThat(received.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(links.verify(link.group(2))).contains(new UnsubscribeLinks.Unsubscriber(account.id(), champion));
        assertThat(emails.list(account.id(), 10).get(0).unsubscribeUrl()).isEqualTo(link.group(1));
    }

    @Test
    void given_a_contact_who_unsubscribed_then_no_email_reaches_them_again_even_when_imported_again_as_subscribed() {
        TestData account = TestData.account("Unsubscribed Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = champion(account);

        unsubscribes.unsubscribe(links.token(account.id(), champion.toUpperCase()), TestClock.now());

        assertThat(suppressions.find(champion)).get().extracting(Suppression::source).isEqualTo(SuppressionSource.UNSUBSCRIBE_LINK);
        assertThat(timeline.of(account.id(), 10)).extracting(TimelineEntry::type).contains("contact.unsubscribed");
        PlayStep skipped = startAndRun(account, TestPlays.checkInEmail()).get(0);
        assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);

        // The CRM sends the contact again as subscribed: the suppression list still holds.
        intake.accept(account.next().contact(ContactRole.CHAMPION).batch());
        assertThat(startAndRun(account, TestPlays.checkInEmail()).get(0).status()).isEqualTo(StepStatus.SKIPPED);

        // The same person as a contact of another account, never unsubscribed there.
        TestData other = TestData.account("Sister Co", Segment.TECH_TOUCH);
        intake.accept(other.batch());
        intake.accept(new Batch(List.of(), List.of(new Labeled<>("contact " + champion,
                new Contact(other.id(), champion, "Pat Champion", ContactRole.EXEC_SPONSOR, null, true, false))), List.of()));
        PlayStep suppressed = startAndRun(other, TestPlays.email(Span.ZERO, "exec_sponsor", "usage-drop-checkin")).get(0);

        assertThat(suppressed.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(suppressed.result()).startsWith("suppressed: ");
        assertThat(SharedGreenMail.to(champion)).isEmpty();
    }

    @Test
    void given_an_address_added_to_the_suppression_list_then_the_email_step_is_skipped_with_the_reason_on_the_timeline() {
        TestData account = TestData.account("Ops Suppressed Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = champion(account);
        unsubscribes.suppress(champion, "asked by phone", TestClock.now());

        PlayStep step = startAndRun(account, TestPlays.checkInEmail()).get(0);

        assertThat(step.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step.result()).isEqualTo("suppressed: on the suppression list (api: asked by phone)");
        assertThat(timeline.of(account.id(), 10)).filteredOn(e -> e.type().equals("email.suppressed")).singleElement()
                .extracting(TimelineEntry::summary)
                .isEqualTo("Email to " + champion + " of play \"guardrails\" suppressed: on the suppression list (api: asked by phone)");
        assertThat(SharedGreenMail.to(champion)).isEmpty();
    }

    @Test
    void given_two_tech_touch_emails_to_a_contact_this_week_then_the_third_is_suppressed() {
        TestData account = TestData.account("Capped Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = champion(account);
        StepDefinition email = TestPlays.checkInEmail();

        List<PlayStep> steps = startAndRun(account, email, email, email);

        assertThat(steps).extracting(PlayStep::status).containsExactly(StepStatus.DONE, StepStatus.DONE, StepStatus.SKIPPED);
        assertThat(steps.get(2).result()).isEqualTo("suppressed: frequency cap: " + champion
                + " already had 2 tech-touch emails within 7 days");
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::type).contains("email.suppressed");
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(champion).size() == 2);
    }

    @Test
    void given_one_of_two_emails_this_week_withdrawn_before_it_went_out_then_a_third_is_not_capped() {
        TestData account = TestData.account("Withdrawn Capped Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = champion(account);
        StepDefinition email = TestPlays.checkInEmail();
        assertThat(startAndRun(account, email, email)).extracting(PlayStep::status).containsOnly(StepStatus.DONE);
        // As if the first had waited for a retry when its step was stopped: it never reached the contact.
        jdbc.sql("UPDATE email SET status = 'WITHDRAWN' WHERE id = (SELECT min(id) FROM email WHERE recipient = ?)")
                .param(champion).update();

        assertThat(startAndRun(account, email)).extracting(PlayStep::status).containsExactly(StepStatus.DONE);
    }

    private static String champion(TestData account) {
        return "champion@" + account.id() + ".test";
    }

    /** Starts a play of these steps, runs what is due, and returns the steps once none is still scheduled. */
    private List<PlayStep> startAndRun(TestData account, StepDefinition... steps) {
        Why why = new Why("test", rules.get().version(), Map.of());
        PlayDefinition play = TestPlays.play("guardrails", steps);
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();
        runner.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.steps(runId).stream().noneMatch(s -> StepStatus.SCHEDULED.equals(s.status())));
        return runs.steps(runId);
    }
}
