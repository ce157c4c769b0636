package dev.tenure.connectors.kafka;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CS ops replay a refused Kafka record from its dead letter, not from the topic. The dead letters are made
 * by the Kafka route's own intake, as it files them for a message it read (the broker itself is
 * {@link KafkaUsageIntegrationTest}'s).
 */
class KafkaReplayIntegrationTest extends ConnectorsIntegrationTest {

    @Autowired
    KafkaUsageIntake kafka;
    @Autowired
    DeadLetterReplay replay;

    private static String usage(String eventId, String accountId) {
        return "{\"eventId\":\"" + eventId + "\",\"accountId\":\"" + accountId
                + "\",\"occurredAt\":\"2026-11-01T10:00:00Z\",\"feature\":\"core\",\"quantity\":2}";
    }

    private static String origin() {
        return "tenure.usage/3/" + System.nanoTime();
    }

    @Test
    void aRecordRefusedForAnUnknownAccount_goesThroughOnReplayAsAUsageRecordFromKafka_andOnlyOnce() {
        String acme = existingAccount("Kafka Known");
        TestData late = TestData.account("Kafka Late", Segment.HIGH_TOUCH);
        String origin = origin();
        MessageReport report = kafka.receive("[" + usage(acme + "-e1", acme) + "," + usage(late.id() + "-e1", late.id()) + "]", origin);
        assertThat(report.deadLettered()).isEqualTo(1);
        DeadLetter letter = deadLettersFrom(origin).get(0);
        assertThat(letter.record()).isEqualTo(usage(late.id() + "-e1", late.id()));
        assertThat(replay.canReplay(letter)).isTrue();
        intake.accept(late.batch());

        IntakeResult result = replay.replay(letter.id());

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(signalsOf(late.id())).containsExactly(late.id() + "-e1");
        assertThat(jdbc.sql("SELECT source FROM all_signals WHERE account_id = ?").param(late.id()).query(String.class).single())
                .as("the same (source, eventId) as the topic would give: reading the message again changes nothing")
                .isEqualTo("kafka");
        DeadLetter replayed = deadLetters.find(letter.id()).orElseThrow();
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(replay.canReplay(replayed)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id())).hasMessageContaining("was replayed already");
        assertThat(kafka.receive(usage(late.id() + "-e1", late.id()), origin()).duplicates()).isEqualTo(1);
    }

    @Test
    void anUnreadableMessage_isRefusedAgainWithItsReason_keptAsANewDeadLetter_andTheOriginalStaysUnreplayed() {
        String origin = origin();
        kafka.receive("not json " + origin, origin);
        DeadLetter letter = deadLettersFrom(origin).get(0);
        assertThat(replay.canReplay(letter)).isTrue();

        assertThatThrownBy(() -> replay.replay(letter.id())).isInstanceOf(RejectedRecordsException.class)
                .hasMessageStartingWith("message: json: Unrecognized token 'not'");

        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();
        assertThat(deadLettersFrom(origin)).hasSize(2).allSatisfy(d -> {
            assertThat(d.record()).isEqualTo("not json " + origin);
            assertThat(d.reason()).startsWith("message: json: Unrecognized token 'not'");
        });
    }
}
