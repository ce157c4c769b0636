package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A survey tool posts answers with the respondent's email only; the account comes from its contacts. */
class NpsByEmailApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private TestData accountWithChampion(String name) {
        TestData account = TestData.account(name, Segment.TECH_TOUCH).contact(ContactRole.CHAMPION);
        intake.accept(account.batch());
        return account;
    }

    private int npsSignalsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM signal WHERE account_id = ? AND kind = 'nps'")
                .param(accountId).query(Integer.class).single();
    }

    @Test
    void an_answer_with_only_the_respondents_email_lands_on_the_account_of_that_contact() {
        TestData acme = accountWithChampion("Acme");

        ResponseEntity<JsonNode> response = post("/api/webhooks/nps", """
                {"eventId": "n-%1$s", "occurredAt": "%2$s", "score": 3, "contactEmail": "champion@%1$s.test",
                 "comment": "Too slow"}""".formatted(acme.id(), TestClock.now()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(npsSignalsOf(acme.id())).isEqualTo(1);
    }

    @Test
    void a_respondent_who_is_a_contact_of_two_accounts_is_refused_naming_contact_email_and_the_accounts() {
        TestData first = accountWithChampion("First");
        TestData second = accountWithChampion("Second");
        String shared = "pat@shared-" + first.id() + ".test";
        post("/api/webhooks/contacts", """
                [{"accountId": "%1$s", "email": "%3$s", "role": "USER"},
                 {"accountId": "%2$s", "email": "%3$s", "role": "USER"}]""".formatted(first.id(), second.id(), shared));

        ResponseEntity<JsonNode> response = post("/api/webhooks/nps", """
                {"eventId": "n-%s", "occurredAt": "%s", "score": 9, "contactEmail": "%s"}"""
                .formatted(first.id(), TestClock.now(), shared));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = response.getBody().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("contactEmail");
        assertThat(error.path("message").asText()).contains("several accounts", first.id(), second.id());
        assertThat(npsSignalsOf(first.id()) + npsSignalsOf(second.id())).isZero();
    }

    @Test
    void an_unknown_respondent_is_refused_naming_contact_email() {
        ResponseEntity<JsonNode> response = post("/api/webhooks/nps", """
                {"eventId": "n-nobody-%1$s", "occurredAt": "%2$s", "score": 9, "contactEmail": "nobody-%1$s@nowhere.test"}"""
                .formatted(System.nanoTime(), TestClock.now()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = response.getBody().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("contactEmail");
        assertThat(error.path("message").asText()).contains("is no contact's email");
    }
}
