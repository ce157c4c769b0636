package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** For any play, step, task or email, one call says which rule started it, in which version, on which facts. */
class WhyApiIntegrationTest extends ApiIntegrationTest {

    static final String RULE = "A failed payment is still not paid a week later: billing task and an email to the billing contact";

    /** An account whose payment, failed 8 days ago, started a play: a task for the CSM and an email to billing. */
    TestData failedPayment(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH).contact(ContactRole.BILLING)
                .billing(BillingEvent.PAYMENT_FAILED, 8);
        intake.accept(account.batch());
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/tasks?accountId=" + account.id()).size() == 1
                && items("/api/emails?accountId=" + account.id()).size() == 1);
        return account;
    }

    @Test
    void why_a_play_started_names_the_rule_its_version_the_matched_facts_and_the_drl_file() {
        TestData account = failedPayment("Why Play");
        JsonNode run = items("/api/plays?accountId=" + account.id()).get(0);

        JsonNode why = get("/api/why/play/" + run.path("id").asLong());

        assertThat(why.path("kind").asText()).isEqualTo("play");
        assertThat(why.path("account").path("id").asText()).isEqualTo(account.id());
        assertThat(why.path("account").path("name").asText()).isEqualTo("Why Play");
        assertThat(why.path("play").path("id").asText()).isEqualTo("failed-payment");
        assertThat(why.path("step").isNull()).isTrue();
        assertThat(why.path("rule").asText()).isEqualTo(RULE);
        assertThat(why.path("ruleSet").path("version").asText()).isEqualTo(get("/api/rules").path("version").asText());
        assertThat(why.path("ruleSet").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(why.path("matchedFacts").path("billingStatus").path("lastPaymentFailed").asBoolean()).isTrue();
        assertThat(why.path("matchedFacts").path("account").path("id").asText()).isEqualTo(account.id());
        assertThat(why.path("startedAt").asText()).isEqualTo(run.path("startedAt").asText());
        assertThat(why.path("ruleFile").path("path").asText()).isEqualTo("churn/failed-payment.drl");
        assertThat(why.path("ruleFile").path("line").asInt()).isEqualTo(11);
        assertThat(why.path("ruleFile").path("content").asText()).contains("rule \"" + RULE + "\"");
    }

    @Test
    void a_task_an_email_and_a_step_each_answer_with_their_step_and_the_same_rule() {
        TestData account = failedPayment("Why Steps");
        long task = items("/api/tasks?accountId=" + account.id()).get(0).path("id").asLong();
        long email = items("/api/emails?accountId=" + account.id()).get(0).path("id").asLong();
        long step = items("/api/plays?accountId=" + account.id()).get(0).path("steps").get(1).path("id").asLong();

        JsonNode forTask = get("/api/why/task/" + task);
        JsonNode forEmail = get("/api/why/email/" + email);
        JsonNode forStep = get("/api/why/step/" + step);

        assertThat(forTask.path("step").path("type").asText()).isEqualTo("TASK");
        assertThat(forTask.path("step").path("position").asInt()).isZero();
        assertThat(forEmail.path("step").path("type").asText()).isEqualTo("EMAIL");
        assertThat(forStep.path("step").path("id").asLong()).isEqualTo(forEmail.path("step").path("id").asLong()).isEqualTo(step);
        assertThat(java.util.List.of(forTask, forEmail, forStep)).allSatisfy(why -> {
            assertThat(why.path("rule").asText()).isEqualTo(RULE);
            assertThat(why.path("play").path("id").asText()).isEqualTo("failed-payment");
            assertThat(why.path("ruleFile").path("path").asText()).isEqualTo("churn/failed-payment.drl");
        });
    }

    @Test
    void an_unknown_kind_is_a_bad_request_and_an_unknown_id_is_not_found() {
        ResponseEntity<JsonNode> kind = http.getForEntity("/api/why/invoice/1", JsonNode.class);
        ResponseEntity<JsonNode> id = http.getForEntity("/api/why/task/987654321", JsonNode.class);

        assertThat(kind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(kind.getBody().path("detail").asText()).contains("'invoice'", "play, step, task, email");
        assertThat(id.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(id.getBody().path("detail").asText()).isEqualTo("task 987654321 does not exist");
    }
}
