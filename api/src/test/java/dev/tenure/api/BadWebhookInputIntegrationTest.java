package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad webhook input: HTTP 400 with a problem body naming the record and field; nothing stored. */
class BadWebhookInputIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;


    TestData storedAccount(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return account;
    }

    int signalsOf(TestData account) {
        return jdbc.sql("SELECT count(*) FROM all_signals WHERE account_id = ?").param(account.id()).query(Integer.class).single();
    }

    static JsonNode firstError(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        return response.getBody().path("errors").get(0);
    }

    @Test
    void malformed_json_is_refused_with_where_it_broke() {
        JsonNode error = firstError(post("/api/webhooks/usage", "{\"eventId\": \"u1\", \"accountId\": "));

        assertThat(error.path("record").asText()).isEqualTo("body");
        assertThat(error.path("field").asText()).isEqualTo("json");
        assertThat(error.path("message").asText()).contains("line");
    }

    @Test
    void a_missing_field_is_named() {
        TestData account = storedAccount("Missing Field");

        JsonNode error = firstError(post("/api/webhooks/usage", """
                {"eventId": "u-%s", "accountId": "%s", "occurredAt": "%s", "quantity": 3}"""
                .formatted(account.id(), account.id(), TestClock.now())));

        assertThat(error.path("record").asText()).startsWith("usage");
        assertThat(error.path("field").asText()).isEqualTo("feature");
        assertThat(signalsOf(account)).isZero();
    }

    @Test
    void a_mistyped_field_is_named_with_the_value() {
        TestData account = storedAccount("Mistyped");

        JsonNode error = firstError(post("/api/webhooks/nps", """
                {"eventId": "n-%s", "accountId": "%s", "occurredAt": "%s", "score": "high"}"""
                .formatted(account.id(), account.id(), TestClock.now())));

        assertThat(error.path("field").asText()).isEqualTo("score");
        assertThat(error.path("message").asText()).contains("high");
    }

    @Test
    void an_unknown_account_is_named() {
        JsonNode error = firstError(post("/api/webhooks/nps", """
                {"eventId": "n-ghost", "accountId": "ghost-account", "occurredAt": "%s", "score": 9}""".formatted(TestClock.now())));

        assertThat(error.path("field").asText()).isEqualTo("accountId");
        assertThat(error.path("message").asText()).contains("ghost-account");
    }

    @Test
    void one_bad_record_refuses_the_whole_batch_and_names_its_index() {
        TestData account = storedAccount("Half Bad");

        JsonNode error = firstError(post("/api/webhooks/tickets", """
                [{"eventId": "t1-%1$s", "accountId": "%1$s", "occurredAt": "%2$s", "ticketId": "T1", "priority": "P1", "status": "OPEN"},
                 {"eventId": "t2-%1$s", "accountId": "%1$s", "occurredAt": "%2$s", "ticketId": "T2", "priority": "P7", "status": "OPEN"}]"""
                .formatted(account.id(), TestClock.now())));

        assertThat(error.path("record").asText()).startsWith("tickets[1]");
        assertThat(error.path("field").asText()).isEqualTo("priority");
        assertThat(signalsOf(account)).isZero();
    }

    @Test
    void a_cancellation_dated_months_ahead_is_refused_naming_occurredAt_and_the_account_stays_active() {
        TestData account = storedAccount("Cancels Ahead");

        JsonNode error = firstError(post("/api/webhooks/billing", """
                {"eventId": "c1-%s", "accountId": "%s", "occurredAt": "%s", "event": "SUBSCRIPTION_CANCELLED"}"""
                .formatted(account.id(), account.id(), TestClock.now().plus(java.time.Duration.ofDays(90)))));

        assertThat(error.path("record").asText()).startsWith("billing");
        assertThat(error.path("field").asText()).isEqualTo("occurredAt");
        assertThat(error.path("message").asText()).contains("is ahead of now", "SUBSCRIPTION_CANCELLED counts once it has happened");
        assertThat(signalsOf(account)).isZero();
        assertThat(jdbc.sql("SELECT stage FROM account WHERE id = ?").param(account.id()).query(String.class).single())
                .isEqualTo("VALUE");
    }

    @Test
    void an_amount_is_stored_to_its_last_decimal_and_one_out_of_bounds_is_refused_as_it_was_written() {
        TestData account = storedAccount("Exact Amounts");
        String billing = """
                {"eventId": "%1$s-%3$s", "accountId": "%1$s", "occurredAt": "%2$s", "event": "INVOICE_PAID", "amount": %4$s}""";

        ResponseEntity<JsonNode> exact = post("/api/webhooks/billing", billing.formatted(account.id(), TestClock.now(), "exact",
                "123456789012.345678"));
        JsonNode tiny = firstError(post("/api/webhooks/billing", billing.formatted(account.id(), TestClock.now(), "tiny", "1e-400")));
        JsonNode huge = firstError(post("/api/webhooks/billing", billing.formatted(account.id(), TestClock.now(), "huge", "1e400")));
        JsonNode endless = firstError(post("/api/webhooks/billing", billing.formatted(account.id(), TestClock.now(), "endless",
                "1e999999999999")));

        assertThat(exact.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT payload->>'amount' FROM signal WHERE external_id = ?").param(account.id() + "-exact")
                .query(String.class).single()).isEqualTo("123456789012.345678");
        assertThat(tiny.path("field").asText()).isEqualTo("amount");
        assertThat(tiny.path("message").asText()).contains("1E-400", "decimal places");
        assertThat(huge.path("field").asText()).isEqualTo("amount");
        assertThat(huge.path("message").asText()).contains("1E+400", "beyond").doesNotContain("Infinity");
        assertThat(endless.path("record").asText() + " " + endless.path("field").asText()).isEqualTo("body json");
        assertThat(endless.path("message").asText()).contains("exponent");
        assertThat(signalsOf(account)).isOne();
    }

    @Test
    void a_field_given_twice_in_one_record_is_refused_naming_it_rather_than_the_last_one_winning() {
        TestData account = storedAccount("Twice Said");

        JsonNode error = firstError(post("/api/webhooks/nps", """
                {"eventId": "n-%1$s", "accountId": "%1$s", "occurredAt": "%2$s", "score": 0, "comment": "Too slow", "score": 10}"""
                .formatted(account.id(), TestClock.now())));

        assertThat(error.path("record").asText()).isEqualTo("body");
        assertThat(error.path("field").asText()).isEqualTo("json");
        assertThat(error.path("message").asText()).containsIgnoringCase("duplicate").contains("score", "line 1");
        assertThat(signalsOf(account)).isZero();
    }

    @Test
    void an_unknown_kind_of_record_is_refused() {
        JsonNode error = firstError(post("/api/webhooks/invoices", "{}"));

        assertThat(error.path("field").asText()).isEqualTo("kind");
    }
}
