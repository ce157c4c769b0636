package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A CSM works the inbox over REST: list, complete with an outcome, snooze. */
class InboxApiIntegrationTest extends ApiIntegrationTest {

    /** An account whose detractor answer put one call-back task in its CSM's inbox. */
    JsonNode openTask(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(account.batch());
        String path = "/api/tasks?accountId=" + account.id();
        await().atMost(Duration.ofSeconds(5)).until(() -> items(path).size() == 1);
        return items(path).get(0);
    }

    @Test
    void completing_a_task_with_an_outcome_takes_it_out_of_the_open_list_and_onto_the_timeline() {
        JsonNode task = openTask("Completer");
        String owner = task.path("owner").asText();

        ResponseEntity<JsonNode> done = post("/api/tasks/" + task.path("id").asLong() + "/complete",
                "{\"outcome\": \"SAVED\", \"note\": \"Called, fixed the export\"}");

        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody().path("status").asText()).isEqualTo("DONE");
        assertThat(done.getBody().path("outcome").asText()).isEqualTo("SAVED");
        assertThat(items("/api/tasks?owner=" + owner + "&status=OPEN")).isEmpty();
        assertThat(items("/api/tasks?owner=" + owner + "&status=DONE")).hasSize(1);
        assertThat(get("/api/accounts/" + task.path("accountId").asText() + "/timeline").toString())
                .contains("task.completed", "Called, fixed the export");
    }

    @Test
    void a_second_completion_is_refused_so_the_first_outcome_stands() {
        JsonNode task = openTask("Twice Done");
        post("/api/tasks/" + task.path("id").asLong() + "/complete", "{\"outcome\": \"SAVED\"}");

        ResponseEntity<JsonNode> again = post("/api/tasks/" + task.path("id").asLong() + "/complete", "{\"outcome\": \"CHURNED\"}");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(get("/api/tasks/" + task.path("id").asLong()).path("outcome").asText()).isEqualTo("SAVED");
    }

    @Test
    void taking_back_a_completion_the_customer_s_cancellation_made_is_refused_naming_the_account_and_why() {
        TestData account = TestData.account("Cancelled Then Undone", Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(account.batch());
        String path = "/api/tasks?accountId=" + account.id();
        await().atMost(Duration.ofSeconds(5)).until(() -> items(path).size() == 1);
        long id = items(path).get(0).path("id").asLong();
        intake.accept(account.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        ResponseEntity<JsonNode> reopened = post("/api/tasks/" + id + "/reopen", "");

        assertThat(reopened.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(reopened.getBody().path("detail").asText())
                .isEqualTo("task " + id + " of account Cancelled Then Undone (" + account.id() + ") stays done: the account churned");
        assertThat(get("/api/tasks/" + id).path("status").asText()).isEqualTo("DONE");
    }

    @Test
    void a_snoozed_task_leaves_the_open_list_until_its_date() {
        JsonNode task = openTask("Snoozer");
        String until = TestClock.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        ResponseEntity<JsonNode> snoozed = post("/api/tasks/" + task.path("id").asLong() + "/snooze", "{\"until\": \"" + until + "\"}");

        assertThat(snoozed.getBody().path("status").asText()).isEqualTo("SNOOZED");
        assertThat(items("/api/tasks?accountId=" + task.path("accountId").asText() + "&status=OPEN")).isEmpty();
        assertThat(items("/api/tasks?accountId=" + task.path("accountId").asText() + "&status=SNOOZED")).hasSize(1);
    }

    @Test
    void a_task_can_be_snoozed_until_a_date_but_not_until_a_word() {
        JsonNode task = openTask("Date Snoozer");
        String date = TestClock.today().plusDays(7).toString();

        assertThat(post("/api/tasks/" + task.path("id").asLong() + "/snooze", "{\"until\": \"" + date + "\"}")
                .getBody().path("snoozedUntil").asText()).startsWith(date + "T00:00:00");
        ResponseEntity<JsonNode> bad = post("/api/tasks/" + task.path("id").asLong() + "/snooze", "{\"until\": \"soon\"}");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("detail").asText()).startsWith("until: 'soon'");
    }

    @Test
    void completing_without_an_outcome_names_the_missing_field() {
        JsonNode task = openTask("No Outcome");

        ResponseEntity<JsonNode> response = post("/api/tasks/" + task.path("id").asLong() + "/complete", "{\"note\": \"done\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("outcome");
    }

    @Test
    void checklist_items_ticked_through_the_api_stay_ticked_and_an_item_the_list_lacks_is_refused_by_name() {
        JsonNode task = openTask("Api Ticker");
        String path = "/api/tasks/" + task.path("id").asLong() + "/checklist";

        ResponseEntity<JsonNode> ticked = post(path, "{\"done\": [1, 0]}");
        ResponseEntity<JsonNode> bad = post(path, "{\"done\": [99]}");

        assertThat(ticked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ticked.getBody().path("checklistDone").toString()).contains("0", "1");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().toString()).contains("has no checklist item 99");
    }

    @Test
    void an_unknown_task_is_not_found() {
        assertThat(post("/api/tasks/987654321/complete", "{\"outcome\": \"SAVED\"}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void an_account_shows_its_health_with_each_component() {
        JsonNode task = openTask("Health Check");

        JsonNode account = get("/api/accounts/" + task.path("accountId").asText());

        assertThat(account.path("health").path("components").findValuesAsText("name"))
                .containsExactly("usage", "support", "billing", "sentiment", "relationship");
        JsonNode play = items("/api/plays?accountId=" + task.path("accountId").asText()).get(0);
        assertThat(play.path("play").asText()).isEqualTo("nps-detractor");
        assertThat(play.path("status").asText()).as("its only step has run").isEqualTo("COMPLETED");
        assertThat(play.path("steps").get(0).path("result").asText()).isEqualTo("task:" + task.path("id").asLong());
    }
}
