package dev.tenure.connectors.deadletters;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.connectors.webhooks.Webhooks;
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

/** CS ops replay a refused record once what refused it is fixed; it goes through the webhook route again. */
class DeadLetterReplayIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    Webhooks webhooks;
    @Autowired
    DeadLetterReplay replay;

    private static String usage(String eventId, String accountId) {
        return """
                {"eventId":"%s","accountId":"%s","occurredAt":"2026-11-01T10:00:00Z","feature":"core","quantity":5}"""
                .formatted(eventId, accountId);
    }

    private DeadLetter deadLetterAbout(String text) {
        return deadLettersFrom("webhook/usage").stream().filter(d -> d.record().contains(text)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void a_webhook_refused_for_an_account_created_later_goes_through_on_replay_and_only_once() {
        TestData late = TestData.account("Late Larch", Segment.HIGH_TOUCH);
        assertThatThrownBy(() -> webhooks.receive("usage", usage(late.id() + "-e1", late.id())))
                .isInstanceOf(RejectedRecordsException.class);
        DeadLetter letter = deadLetterAbout(late.id());
        assertThat(DeadLetterReplay.replayable(letter)).isTrue();
        intake.accept(late.batch());

        IntakeResult result = replay.replay(letter.id());

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(signalsOf(late.id())).contains(late.id() + "-e1");
        DeadLetter replayed = deadLetters.find(letter.id()).orElseThrow();
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(DeadLetterReplay.replayable(replayed)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id())).hasMessageContaining("was replayed already");
    }

    @Test
    void a_replay_refused_again_is_a_new_dead_letter_and_the_original_stays_unreplayed() {
        String ghost = "ghost-" + System.nanoTime();
        assertThatThrownBy(() -> webhooks.receive("usage", usage(ghost + "-e1", ghost))).isInstanceOf(RejectedRecordsException.class);
        DeadLetter letter = deadLetterAbout(ghost);

        assertThatThrownBy(() -> replay.replay(letter.id())).isInstanceOf(RejectedRecordsException.class);

        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();
        assertThat(deadLettersFrom("webhook/usage").stream().filter(d -> d.record().contains(ghost))).hasSize(2);
    }

    @Test
    void a_csv_line_cannot_be_replayed_without_its_header() {
        deadLetters.record(List.of(DeadLetter.of("file", "usage-replay-test.csv", 3, "e-1,acme,yesterday", "occurredAt: bad")));
        DeadLetter letter = deadLettersFrom("usage-replay-test.csv").get(0);

        assertThat(DeadLetterReplay.replayable(letter)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id()))
                .hasMessageContaining("cannot be replayed here: of a file only a JSON-lines line can");
    }
}
