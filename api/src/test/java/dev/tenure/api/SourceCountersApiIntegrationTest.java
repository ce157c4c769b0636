package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/** The sources' record counters, as an operator reads them on Actuator. */
class SourceCountersApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    ObjectMapper json;

    /** The counter's value for webhook usage records with this outcome; 0 before the first one. */
    double webhookUsage(String outcome) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.get("/actuator/metrics/tenure.source.records")
                        .param("tag", "source:webhook", "kind:usage", "outcome:" + outcome)
                        .with(SecurityMockMvcRequestPostProcessors.user("ops@tenure.test").roles("CS_OPS")))
                .andReturn();
        if (result.getResponse().getStatus() == HttpStatus.NOT_FOUND.value()) {
            return 0;
        }
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        return body.path("measurements").get(0).path("value").asDouble();
    }

    String usage(TestData account, String eventId) {
        return """
                {"eventId": "%s", "accountId": "%s", "occurredAt": "%s", "feature": "core"}"""
                .formatted(eventId, account.id(), TestClock.now());
    }

    @Test
    void aWebhookBatchRepeatingOneEvent_movesReceivedAcceptedAndDuplicate_andARefusedOneMovesRejected() throws Exception {
        TestData account = TestData.account("Counted", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        post("/api/webhooks/usage", "[" + usage(account, account.id() + "-1") + "]");
        double received = webhookUsage("received");
        double accepted = webhookUsage("accepted");
        double duplicate = webhookUsage("duplicate");
        double rejected = webhookUsage("rejected");

        post("/api/webhooks/usage", "[" + usage(account, account.id() + "-1") + "," + usage(account, account.id() + "-2") + "]");
        post("/api/webhooks/usage", "{\"eventId\": \"bad\"}");

        assertThat(webhookUsage("accepted") - accepted).isEqualTo(1);
        assertThat(webhookUsage("duplicate") - duplicate).isEqualTo(1);
        assertThat(webhookUsage("rejected") - rejected).isEqualTo(1);
        assertThat(webhookUsage("received") - received).isEqualTo(3);
    }
}
