package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values no customer has, sent as a careless integrator or an attacker would: each is refused before it
 * reaches PostgreSQL, with a 400 naming the record and the field, kept as a dead letter, and nothing of the
 * request is stored. The database's own words never reach the sender.
 */
class PoisonValuesApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    static final String LONG = "x".repeat(5_000);

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("a NUL in a comment", "nps", "comment", "{\"score\": 4, \"comment\": \"fine\\u0000 then\"}"),
                Arguments.of("a NUL in an event id", "usage", "eventId", "{\"feature\": \"core\", \"eventId\": \"e\\u0000x\"}"),
                Arguments.of("an escape character in a feature", "usage", "feature", "{\"feature\": \"co\\u001bre\"}"),
                Arguments.of("a year 102026", "usage", "occurredAt", "{\"feature\": \"core\", \"occurredAt\": \"+102026-01-01T00:00:00Z\"}"),
                Arguments.of("a year 1900", "usage", "occurredAt", "{\"feature\": \"core\", \"occurredAt\": \"1900-01-01T00:00:00Z\"}"),
                Arguments.of("an amount 1e200000", "billing", "amount", "{\"event\": \"MRR_CHANGED\", \"amount\": \"1e200000\"}"),
                Arguments.of("an amount 1e100000 as a JSON number", "billing", "amount", "{\"event\": \"MRR_CHANGED\", \"amount\": 1e100000}"),
                Arguments.of("an amount of 13 digits", "billing", "amount", "{\"event\": \"MRR_CHANGED\", \"amount\": \"2000000000000\"}"),
                Arguments.of("an MRR change to -100", "billing", "amount", "{\"event\": \"MRR_CHANGED\", \"amount\": -100}"),
                Arguments.of("an amount with ten decimals", "billing", "amount", "{\"event\": \"MRR_CHANGED\", \"amount\": \"1.0000000001\"}"),
                Arguments.of("a quantity of 10^30", "usage", "quantity", "{\"feature\": \"core\", \"quantity\": \"1000000000000000000000000000000\"}"),
                Arguments.of("a 5 KB event id", "usage", "eventId", "{\"feature\": \"core\", \"eventId\": \"" + LONG + "\"}"),
                Arguments.of("a 5 KB feature", "usage", "feature", "{\"feature\": \"" + LONG + "\"}"),
                Arguments.of("a 5 KB ticket id", "tickets", "ticketId", "{\"ticketId\": \"" + LONG + "\", \"priority\": \"P1\", \"status\": \"OPEN\"}"),
                Arguments.of("a number of a megabyte of digits", "usage", "quantity", "{\"feature\": \"core\", \"quantity\": \"" + "9".repeat(1_000_000) + "\"}"),
                Arguments.of("an account renewing in the year 3000", "accounts", "renewalOn", "{\"renewalOn\": \"3000-01-01\"}"),
                Arguments.of("an account paying -5,000 a year", "accounts", "arr", "{\"arr\": -5000}"),
                Arguments.of("an account paying -0.01 a year, as text", "accounts", "arr", "{\"arr\": \"-0.01\"}"),
                Arguments.of("an account id its page could not be reached at", "accounts", "id", "{\"id\": \"acme/eu\"}"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {2}")
    @MethodSource("poison")
    void a_value_out_of_bounds_is_refused_naming_its_field_and_kept_as_a_dead_letter(String what, String kind, String field,
                                                                                    String fields) {
        TestData account = TestData.account("Poison " + what, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        String body = kind.equals("accounts")
                ? merge(fields, "{\"id\": \"%s-odd\", \"name\": \"Odd\", \"segment\": \"LOW_TOUCH\"}".formatted(account.id()))
                : merge(fields, "{\"eventId\": \"p-%s\", \"accountId\": \"%s\", \"occurredAt\": \"%s\", \"ticketId\": \"T-1\", \"priority\": \"P1\", \"status\": \"OPEN\"}"
                .formatted(account.id(), account.id(), TestClock.now()));
        long letters = deadLetters();

        ResponseEntity<JsonNode> refused = post("/api/webhooks/" + kind, body);

        assertThat(refused.getStatusCode()).as(what).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = refused.getBody().path("errors");
        assertThat(errors).as(what).anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
        assertThat(refused.getBody().toString()).as("no database text, and a short answer").doesNotContainIgnoringCase("postgres")
                .doesNotContain("SQL").hasSizeLessThan(4_000);
        assertThat(deadLetters()).as("kept as a dead letter").isEqualTo(letters + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM all_signals WHERE account_id = ?").param(account.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE id = ?").param(account.id() + "-odd").query(Long.class).single())
                .isZero();
    }

    @ParameterizedTest(name = "a refused array of {0} records gets a short answer")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3_000})
    void a_refused_array_of_many_records_gets_a_short_answer(int records) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < records; i++) {
            array.append(i == 0 ? "" : ",").append("{\"eventId\": \"e-").append(i).append("\", \"accountId\": \"nobody-")
                    .append(i).append("\", \"occurredAt\": \"2026-11-01T10:00:00Z\", \"feature\": \"").append("f".repeat(200)).append("\"}");
        }

        ResponseEntity<JsonNode> refused = post("/api/webhooks/usage", array.append("]").toString());

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("errorCount").asInt()).isEqualTo(records);
        assertThat(refused.getBody().path("errors")).hasSize(100);
        assertThat(refused.getBody().toString().length()).isLessThan(array.length() / 10);
    }

    @org.junit.jupiter.api.Test
    void a_body_larger_than_a_webhook_takes_is_refused_before_it_is_read() {
        String huge = "[" + ("{\"eventId\": \"e\"}," .repeat(150_000)) + "{}]";

        ResponseEntity<JsonNode> refused = post("/api/webhooks/usage", huge);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(refused.getBody().path("detail").asText()).contains("tenure.webhooks.max-body");
    }

    /** A task of a running save play, shared by the requests below: each must leave it as it was. */
    private static Long openTask;

    static Stream<Arguments> poisonedRequests() {
        String nul = "\\u0000";
        String lone = "\\ud800";
        String tasks = "SELECT count(*) FROM task WHERE id = :task AND (status = 'DONE' OR snoozed_until IS NOT NULL OR note IS NOT NULL)";
        return Stream.of(
                Arguments.of("a NUL in a suppressed address", "/api/suppressions", "{\"address\": \"pat" + nul + "@acme.example\", \"reason\": \"asked\"}",
                        "address", "SELECT count(*) FROM suppression"),
                Arguments.of("a lone surrogate in a suppressed address", "/api/suppressions", "{\"address\": \"pat" + lone + "@acme.example\", \"reason\": \"asked\"}",
                        "address", "SELECT count(*) FROM suppression"),
                Arguments.of("a NUL in a suppression's reason", "/api/suppressions", "{\"address\": \"pat@acme.example\", \"reason\": \"asked" + nul + "\"}",
                        "reason", "SELECT count(*) FROM suppression"),
                Arguments.of("a suppression's reason of 20,000 characters", "/api/suppressions",
                        "{\"address\": \"pat@acme.example\", \"reason\": \"" + "r".repeat(20_000) + "\"}", "reason", "SELECT count(*) FROM suppression"),
                Arguments.of("a NUL in a task's note", "/api/tasks/:task/complete", "{\"outcome\": \"SAVED\", \"note\": \"called" + nul + "\"}",
                        "note", tasks),
                Arguments.of("a lone surrogate in a task's note", "/api/tasks/:task/complete", "{\"outcome\": \"SAVED\", \"note\": \"called " + lone + "\"}",
                        "note", tasks),
                Arguments.of("a snooze until the year 1000000000", "/api/tasks/:task/snooze", "{\"until\": \"+1000000000-12-31T23:59:59Z\"}",
                        "until", tasks),
                Arguments.of("a snooze until the year 10000", "/api/tasks/:task/snooze", "{\"until\": \"+10000-01-01T00:00:00Z\"}",
                        "until", tasks),
                Arguments.of("a checklist position that is null", "/api/tasks/:task/checklist", "{\"done\": [0, null]}", "done",
                        "SELECT count(*) FROM task WHERE id = :task AND cardinality(checklist_done) > 0"),
                Arguments.of("a NUL in a person's name", "/api/users", "{\"email\": \"nul-name@tenure.test\", \"displayName\": \"Pat" + nul
                        + "\", \"password\": \"" + PASSWORD + "\", \"roles\": [\"CSM\"]}", "displayName", "SELECT count(*) FROM users"),
                Arguments.of("a person's name of a megabyte", "/api/users", "{\"email\": \"long-name@tenure.test\", \"displayName\": \""
                        + "n".repeat(1 << 20) + "\", \"password\": \"" + PASSWORD + "\", \"roles\": [\"CSM\"]}", "displayName", "SELECT count(*) FROM users"),
                Arguments.of("a lone surrogate in a person's email", "/api/users", "{\"email\": \"pat" + lone + "@tenure.test\", \"displayName\": \"Pat\", "
                        + "\"password\": \"" + PASSWORD + "\", \"roles\": [\"CSM\"]}", "email", "SELECT count(*) FROM users"),
                Arguments.of("a NUL in a token's name", "/api/tokens", "{\"name\": \"laptop" + nul + "\"}", "name", "SELECT count(*) FROM api_token"),
                Arguments.of("a lone surrogate in a token's name", "/api/tokens", "{\"name\": \"laptop" + lone + "\"}", "name",
                        "SELECT count(*) FROM api_token"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {3}")
    @MethodSource("poisonedRequests")
    void a_value_out_of_bounds_in_a_request_of_the_api_is_refused_naming_its_field_and_nothing_is_stored(String what, String path,
                                                                                                          String body, String field,
                                                                                                          String stored) {
        if (openTask == null) {
            TestData dropping = plays().dropping("Poisoned requests");
            openTask = jdbc.sql("SELECT min(id) FROM task WHERE account_id = ?").param(dropping.id()).query(Long.class).single();
        }
        String count = stored.replace(":task", String.valueOf(openTask));
        long before = jdbc.sql(count).query(Long.class).single();

        ResponseEntity<JsonNode> refused = post(path.replace(":task", String.valueOf(openTask)), body);

        assertThat(refused.getStatusCode()).as(what).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).as(what + ": names the field").contains(field)
                .doesNotContainIgnoringCase("postgres").doesNotContain("SQL").hasSizeLessThan(4_000);
        assertThat(jdbc.sql(count).query(Long.class).single()).as(what + ": nothing stored").isEqualTo(before);
    }

    /** The record's own fields over the defaults. */
    private static String merge(String fields, String defaults) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            var merged = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(defaults);
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(fields));
            return json.writeValueAsString(merged);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private long deadLetters() {
        return jdbc.sql("SELECT count(*) FROM dead_letter").query(Long.class).single();
    }
}
