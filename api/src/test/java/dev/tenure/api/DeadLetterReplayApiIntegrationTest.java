package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CS ops replay a refused record through the API once what refused it is fixed. */
class DeadLetterReplayApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    DeadLetters deadLetters;

    /** An NPS answer for an account nobody created yet: refused, kept as a dead letter; its id. */
    long refusedNpsFor(TestData account) {
        String eventId = "nps-" + account.id();
        post("/api/webhooks/nps", """
                {"eventId": "%s", "accountId": "%s", "occurredAt": "%s", "score": 4}"""
                .formatted(eventId, account.id(), TestClock.now()));
        return deadLetters.latest("webhook", 1000).stream().filter(d -> d.record().contains(eventId))
                .map(DeadLetter::id).findFirst().orElseThrow();
    }

    ResponseEntity<JsonNode> replay(long id) {
        return post("/api/dead-letters/" + id + "/replay", "");
    }

    @Test
    void aRecordRefusedForAnUnknownAccount_isRefusedAgainWithTheReason_thenReplayedOnceTheAccountExists_thenNotAgain() {
        TestData account = TestData.account("Replayed Later", Segment.HIGH_TOUCH);
        long id = refusedNpsFor(account);

        ResponseEntity<JsonNode> refused = replay(id);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().path("outcome").asText()).isEqualTo("refused");
        assertThat(refused.getBody().path("errors").get(0).path("field").asText()).isEqualTo("accountId");
        assertThat(refused.getBody().path("detail").asText()).contains(account.id());

        intake.accept(account.batch());
        ResponseEntity<JsonNode> replayed = replay(id);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replayed.getBody().path("outcome").asText()).isEqualTo("replayed");
        assertThat(replayed.getBody().path("accepted").asInt()).isEqualTo(1);

        ResponseEntity<JsonNode> again = replay(id);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().path("outcome").asText()).isEqualTo("not-replayable");
        assertThat(again.getBody().path("detail").asText()).contains("was replayed already");
    }

    @Test
    void aSegmentCallRefusedAtItsPath_isReplayedThroughTheSegmentPath_andRefusedAgainNamingTheField() {
        String messageId = "m-replay-" + System.nanoTime();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth("test-write-key", "");
        ResponseEntity<JsonNode> sent = anonymous.postForEntity("/api/webhooks/segment/v1/track", new HttpEntity<>("""
                {"messageId": "%s", "event": "Report Exported", "userId": "u-1", "timestamp": "2026-11-01T10:00:00",
                 "context": {"groupId": "acme"}}""".formatted(messageId), headers), JsonNode.class);
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        DeadLetter letter = deadLetters.latest("segment", 1000).stream().filter(d -> d.record().contains(messageId))
                .findFirst().orElseThrow();
        assertThat(letter.origin()).isEqualTo("segment/track");

        ResponseEntity<JsonNode> answer = replay(letter.id());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getBody().path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.getBody().path("errors").get(0).path("record").asText())
                .isEqualTo("segment.track (message " + messageId + ")");
        assertThat(answer.getBody().path("errors").get(0).path("field").asText()).isEqualTo("timestamp");
    }

    @Test
    void aKafkaRecordRefusedForAnUnknownAccount_isReplayedFromItsDeadLetterOnceTheAccountExists() {
        TestData account = TestData.account("Kafka Replayed Later", Segment.HIGH_TOUCH);
        String origin = "tenure.usage/2/" + System.nanoTime();
        deadLetters.record(List.of(DeadLetter.of("kafka", origin, null, """
                {"eventId":"%1$s-k1","accountId":"%1$s","occurredAt":"%2$s","feature":"core"}"""
                .formatted(account.id(), TestClock.now()), "usage (event " + account.id() + "-k1): accountId: unknown account")));
        long id = deadLetters.latest("kafka", 1000).stream().filter(d -> d.origin().equals(origin))
                .map(DeadLetter::id).findFirst().orElseThrow();
        assertThat(replay(id).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

        intake.accept(account.batch());
        ResponseEntity<JsonNode> replayed = replay(id);

        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replayed.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(replay(id).getBody().path("detail").asText()).contains("was replayed already");
    }

    @Test
    void aRowOfAWarehouseSourceNoLongerConfigured_isNotReplayable_namingTheSource() {
        deadLetters.record(List.of(DeadLetter.of("jdbc", "jdbc/old_rollup/usage", null, "{\"id\":7}", "feature: missing")));
        long id = deadLetters.latest("jdbc", 1000).stream().filter(d -> d.origin().equals("jdbc/old_rollup/usage"))
                .map(DeadLetter::id).findFirst().orElseThrow();

        ResponseEntity<JsonNode> answer = replay(id);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().path("outcome").asText()).isEqualTo("not-replayable");
        assertThat(answer.getBody().path("detail").asText()).contains("'old_rollup' is no longer configured");
    }

    @Test
    void aCsvLine_isNotReplayable_andSaysWhy() {
        deadLetters.record(List.of(DeadLetter.of("file", "usage-api-replay.csv", 3, "e-1,acme,yesterday", "occurredAt: bad")));
        long id = deadLetters.latest("file", 1000).stream().filter(d -> d.origin().equals("usage-api-replay.csv"))
                .map(DeadLetter::id).findFirst().orElseThrow();

        ResponseEntity<JsonNode> answer = replay(id);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().path("detail").asText()).contains("drop it into the inbox again");
    }

    @Test
    void anUnknownDeadLetter_is404_andACsm_isForbidden() {
        assertThat(replay(Long.MAX_VALUE).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post(as("csm.replay@tenure.test", Role.CSM), "/api/dead-letters/1/replay", "").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
