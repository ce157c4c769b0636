package dev.tenure.engine.mail;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.BillingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With no SMTP server configured, emails are kept in the email log instead of sent. */
// Closed after this class: alive, its scheduler would drain other tests' due steps and keep their emails unsent.
@DirtiesContext
@SpringBootTest(classes = EngineTestApplication.class, properties = "tenure.test.smtp=off")
class EmailsKeptWithoutSmtpIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Emails emails;
    @Autowired
    Outbox outbox;

    @Test
    void a_payment_failed_email_is_kept_with_its_rendered_subject_and_body() {
        // Still failed 8 days later: the starter payment rule gives a failed payment a week to be fixed.
        TestData account = TestData.account("No Smtp Inc", Segment.TECH_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 8);

        intake.accept(account.batch());

        assertThat(outbox.sending()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !emails.list(account.id(), 10).isEmpty());
        Email email = emails.list(account.id(), 10).get(0);
        assertThat(email.status()).isEqualTo(EmailStatus.KEPT);
        assertThat(email.recipient()).isEqualTo("billing@" + account.id() + ".test");
        assertThat(email.subject()).isEqualTo("Action needed: a payment for No Smtp Inc did not go through");
        assertThat(email.body()).contains("Hi Pat Billing,");
        assertThat(email.messageId()).startsWith("<").endsWith("@tenure>");
    }
}
