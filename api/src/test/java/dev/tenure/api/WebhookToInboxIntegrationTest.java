package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole path over HTTP: a webhook signal becomes a task in the CSM's inbox and an email, fast. */
class WebhookToInboxIntegrationTest extends ApiIntegrationTest {

    @Test
    void an_nps_detractor_posted_to_the_webhook_is_a_task_in_the_csms_inbox_within_one_second() {
        TestData account = TestData.account("Webhook Co", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String csm = account.account().csm();

        Instant sent = TestClock.now();
        ResponseEntity<JsonNode> response = post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 3, "comment": "Too slow",
                 "contactEmail": "champion@%s.test"}""".formatted(account.id(), account.id(), sent, account.id()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> items("/api/tasks?owner=" + csm + "&status=OPEN").size() == 1);
        JsonNode task = items("/api/tasks?owner=" + csm).get(0);
        assertThat(task.path("title").asText()).contains("Webhook Co").contains("NPS 3");
        assertThat(task.path("why").path("rule").asText()).isEqualTo("An NPS detractor answered (4 or below): call them back");
        assertThat(task.path("why").path("ruleSetVersion").asText()).hasSize(12);
        assertThat(task.path("why").path("matchedFacts").path("npsSignal").path("score").asInt()).isEqualTo(3);
    }

    @Test
    void a_payment_failed_a_week_ago_and_posted_to_the_webhook_is_emailed_to_the_billing_contact_within_one_second() {
        TestData account = TestData.account("Card Expired", Segment.TECH_TOUCH).contact(ContactRole.BILLING);
        intake.accept(account.batch());

        ResponseEntity<JsonNode> response = post("/api/webhooks/billing", """
                [{"eventId": "pay-%s", "accountId": "%s", "occurredAt": "%s", "event": "PAYMENT_FAILED", "amount": 420.00}]"""
                .formatted(account.id(), account.id(), TestClock.now().minus(Duration.ofDays(8))));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("accepted").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !SharedGreenMail.to("billing@" + account.id()).isEmpty());
        // The email row commits with its step, a moment after the SMTP server has the message.
        JsonNode email = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> items("/api/emails?accountId=" + account.id()).get(0), found -> found != null);
        assertThat(email.path("status").asText()).isEqualTo("SENT");
        assertThat(email.path("subject").asText()).isEqualTo("Action needed: a payment for Card Expired did not go through");
        assertThat(email.path("why").path("rule").asText()).startsWith("A failed payment is still not paid a week later");
        assertThat(get("/api/accounts/" + account.id() + "/timeline").toString()).contains("email.sent", "play.started");
    }

    @Test
    void a_replayed_webhook_is_accepted_and_changes_nothing() {
        TestData account = TestData.account("Twice Told", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String nps = """
                {"eventId": "again-%s", "accountId": "%s", "occurredAt": "%s", "score": 2}"""
                .formatted(account.id(), account.id(), TestClock.now());

        assertThat(post("/api/webhooks/nps", nps).getBody().path("duplicates").asInt()).isZero();
        assertThat(post("/api/webhooks/nps", nps).getBody().path("duplicates").asInt()).isEqualTo(1);

        assertThat(items("/api/plays?accountId=" + account.id())).hasSize(1);
    }

    @Test
    void an_nps_and_a_csat_answer_two_tools_numbered_alike_are_two_signals_not_one_and_a_duplicate() {
        TestData account = TestData.account("Numbered Alike", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        String id = "1001-" + account.id();
        String nps = """
                {"eventId": "%s", "accountId": "%s", "occurredAt": "%s", "score": 9}""".formatted(id, account.id(), TestClock.now());
        String csat = """
                {"eventId": "%s", "accountId": "%s", "occurredAt": "%s", "score": 5}""".formatted(id, account.id(), TestClock.now());

        assertThat(post("/api/webhooks/nps", nps).getBody().path("duplicates").asInt()).isZero();
        assertThat(post("/api/webhooks/csat", csat).getBody().path("duplicates").asInt()).isZero();
        assertThat(post("/api/webhooks/csat", csat).getBody().path("duplicates").asInt()).isEqualTo(1);

        assertThat(get("/api/accounts/" + account.id() + "/timeline?limit=50").toString()).contains("signal.nps", "signal.csat");
    }

    @Test
    void the_actuator_reports_the_application_healthy() {
        JsonNode health = get("/actuator/health");
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
    }
}
