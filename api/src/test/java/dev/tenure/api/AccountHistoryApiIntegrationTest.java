package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact changed through the contacts webhook is on the account's history and timeline over HTTP. */
class AccountHistoryApiIntegrationTest extends ApiIntegrationTest {

    @Test
    void a_champion_marked_inactive_through_the_webhook_is_in_the_account_s_history_and_timeline() {
        TestData account = TestData.account("History Co", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String champion = "champion@" + account.id() + ".test";

        assertThat(post("/api/webhooks/contacts", """
                {"accountId": "%s", "email": "%s", "name": "Pat Champion", "role": "CHAMPION", "active": false}"""
                .formatted(account.id(), champion)).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode history = get("/api/accounts/" + account.id() + "/history");
        assertThat(history.path("contacts").get(0).path("change").asText()).isEqualTo("BECAME_INACTIVE");
        assertThat(history.path("contacts").get(0).path("email").asText()).isEqualTo(champion);
        assertThat(history.path("contacts").get(0).path("role").asText()).isEqualTo("CHAMPION");
        assertThat(history.path("contacts").get(0).path("active").asBoolean()).isFalse();
        assertThat(history.path("contacts").get(1).path("change").asText()).isEqualTo("ADDED");
        assertThat(history.path("stages").get(0).path("to").asText()).isEqualTo("VALUE");
        assertThat(history.path("stages").get(0).path("from").isNull()).isTrue();
        assertThat(get("/api/accounts/" + account.id() + "/history?email=nobody@x.test").path("contacts")).isEmpty();
        assertThat(get("/api/accounts/" + account.id() + "/timeline").toString()).contains("contact.became-inactive");
    }
}
