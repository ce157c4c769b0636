package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A CSM pauses, resumes and cancels a play run over REST; each change is on the account's timeline. */
class PlayControlApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    PlayRuns runs;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;

    /** A running play whose only step is a week away. */
    long runningPlay(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        PlayDefinition play = new PlayDefinition("api-pause-check", "API pause check", null, Span.ZERO, List.of(
                new StepDefinition(StepType.TASK, Span.ofDays(7), "csm", "Check in", null, "NORMAL",
                        Span.ofDays(1), List.of(), null)));
        Why why = new Why("test", rules.get().version(), Map.of());
        return transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now()).orElseThrow()).runId();
    }

    @Test
    void a_paused_play_can_be_resumed_and_its_step_moves_later() {
        long id = runningPlay("Api Paused");
        Instant dueBefore = Instant.parse(get("/api/plays/" + id).path("steps").get(0).path("dueAt").asText());

        ResponseEntity<JsonNode> paused = postAs("alice@tenure.test", "/api/plays/" + id + "/pause");

        assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paused.getBody().path("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.getBody().path("steps").get(0).path("status").asText()).isEqualTo("PAUSED");

        ResponseEntity<JsonNode> resumed = post("/api/plays/" + id + "/resume", "");

        assertThat(resumed.getBody().path("status").asText()).isEqualTo("RUNNING");
        JsonNode step = resumed.getBody().path("steps").get(0);
        assertThat(step.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(step.path("dueAt").asText())).isAfter(dueBefore);
        String timeline = get("/api/accounts/" + paused.getBody().path("accountId").asText() + "/timeline").toString();
        assertThat(timeline).contains("play.paused", "paused by alice@tenure.test", "play.resumed", "resumed by " + ADMIN);
    }

    @Test
    void a_cancelled_play_ends_and_cannot_be_resumed() {
        long id = runningPlay("Api Cancelled");

        ResponseEntity<JsonNode> cancelled = postAs("bob@tenure.test", "/api/plays/" + id + "/cancel");

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.getBody().path("endedAt").isNull()).isFalse();
        assertThat(cancelled.getBody().path("steps").get(0).path("status").asText()).isEqualTo("CANCELLED");
        ResponseEntity<JsonNode> resumed = post("/api/plays/" + id + "/resume", "");
        assertThat(resumed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(resumed.getBody().path("detail").asText())
                .isEqualTo("play run " + id + " is CANCELLED and cannot be resumed (only a run that is PAUSED)");
    }

    @Test
    void a_paused_play_the_customer_s_cancellation_stopped_cannot_be_resumed_and_the_409_names_the_account_and_why() {
        TestData account = TestData.account("Api Paused Then Gone", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        PlayDefinition play = new PlayDefinition("api-pause-check", "API pause check", null, Span.ZERO, List.of(
                new StepDefinition(StepType.TASK, Span.ofDays(7), "csm", "Check in", null, "NORMAL",
                        Span.ofDays(1), List.of(), null)));
        long id = transaction.execute(tx -> runs.start(account.id(), play, new Why("test", rules.get().version(), Map.of()),
                TestClock.now()).orElseThrow()).runId();
        postAs("alice@tenure.test", "/api/plays/" + id + "/pause");
        intake.accept(account.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());

        ResponseEntity<JsonNode> resumed = post("/api/plays/" + id + "/resume", "");

        assertThat(resumed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(resumed.getBody().path("detail").asText())
                .isEqualTo("play run " + id + " of account " + account.id() + " was stopped: the account churned; it cannot be resumed");
    }

    @Test
    void a_running_play_cannot_be_resumed_and_an_unknown_one_is_not_found() {
        long id = runningPlay("Api Refused");

        assertThat(post("/api/plays/" + id + "/resume", "").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/plays/987654321/pause", "").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("/api/plays/987654321/pause", "").getBody().path("detail").asText())
                .isEqualTo("play run 987654321 not found");
    }

    @Test
    void runs_are_listed_by_status_name_and_an_unknown_status_is_refused_by_name() {
        long id = runningPlay("Api Listed Paused");
        postAs("alice@tenure.test", "/api/plays/" + id + "/pause");
        String account = get("/api/plays/" + id).path("accountId").asText();

        JsonNode paused = items("/api/plays?accountId=" + account + "&status=PAUSED");
        ResponseEntity<JsonNode> unknown = http.getForEntity("/api/plays?accountId=" + account + "&status=ASLEEP", JsonNode.class);

        assertThat(paused).hasSize(1);
        assertThat(paused.get(0).path("status").asText()).isEqualTo("PAUSED");
        assertThat(items("/api/plays?accountId=" + account + "&status=RUNNING")).isEmpty();
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().path("detail").asText()).contains("status", "ASLEEP");
    }

    /** Who changed a run is the signed-in person. */
    private ResponseEntity<JsonNode> postAs(String user, String path) {
        return post(as(user, Role.CS_OPS), path, "");
    }
}
