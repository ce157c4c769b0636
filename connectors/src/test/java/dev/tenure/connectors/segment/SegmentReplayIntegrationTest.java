package dev.tenure.connectors.segment;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CS ops replay a refused Segment request: it goes through the Segment route again, as it came. */
class SegmentReplayIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    SegmentSource segment;
    @Autowired
    DeadLetterReplay replay;

    /** A track call as Segment's libraries send it to /v1/track: the type is the path's, not the body's. */
    private static String track(String messageId, String accountId, String timestamp) {
        return """
                {"messageId":"%s","event":"Report Exported","userId":"u-1","timestamp":"%s",
                 "context":{"groupId":"%s"},"properties":{"quantity":3}}""".formatted(messageId, timestamp, accountId);
    }

    private DeadLetter deadLetterAbout(String origin, String text) {
        return deadLettersFrom(origin).stream().filter(d -> d.record().contains(text)).reduce((a, b) -> b).orElseThrow();
    }

    private List<String> sourcesOf(String accountId) {
        return jdbc.sql("SELECT source FROM all_signals WHERE account_id = ?").param(accountId).query(String.class).list();
    }

    @Test
    void aTrackCallRefusedForAnUnknownAccount_goesThroughTheSegmentPathOnReplayOnceTheAccountExists_andOnlyOnce() {
        // Segment's route leaves calls of unknown accounts out rather than refusing them; the engine still
        // refuses an account that is gone by the time the batch is stored, and files it as the route does.
        TestData late = TestData.account("Segment Late", Segment.HIGH_TOUCH);
        String messageId = "m-" + late.id();
        deadLetters.record(List.of(DeadLetter.of("segment", "segment/track", null,
                track(messageId, late.id(), "2026-11-01T10:00:00Z"),
                "segment.track (message " + messageId + "): accountId: unknown account '" + late.id() + "'")));
        DeadLetter letter = deadLetterAbout("segment/track", messageId);
        assertThat(replay.canReplay(letter)).isTrue();
        intake.accept(late.batch());

        IntakeResult result = replay.replay(letter.id());

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(signalsOf(late.id())).containsExactly(messageId);
        assertThat(sourcesOf(late.id())).containsExactly("segment");
        DeadLetter replayed = deadLetters.find(letter.id()).orElseThrow();
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(replay.canReplay(replayed)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id())).hasMessageContaining("was replayed already");
    }

    @Test
    void aRequestTheRouteRefused_isRefusedAgainWithTheReason_keptAsANewDeadLetter_andTheOriginalStaysUnreplayed() {
        String account = existingAccount("Segment Refused");
        String call = track("m-" + account, account, "2026-11-01T10:00:00").replace("{\"messageId\"", "{\"type\":\"track\",\"messageId\"");
        assertThatThrownBy(() -> segment.receive(null, call)).isInstanceOf(RejectedRecordsException.class);
        DeadLetter letter = deadLetterAbout("segment/call", account);
        assertThat(letter.source()).isEqualTo("segment");
        assertThat(replay.canReplay(letter)).isTrue();

        assertThatThrownBy(() -> replay.replay(letter.id())).isInstanceOf(RejectedRecordsException.class)
                .hasMessageContaining("timestamp: '2026-11-01T10:00:00' is not an ISO-8601 time with a zone");

        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();
        assertThat(deadLettersFrom("segment/call").stream().filter(d -> d.record().contains(account))).hasSize(2);
        assertThat(signalsOf(account)).isEmpty();
    }
}
