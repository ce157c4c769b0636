package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
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
                .formatted(eventId, account.id(), Instant.now()));
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
