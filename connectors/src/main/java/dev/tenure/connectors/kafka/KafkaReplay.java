package dev.tenure.connectors.kafka;

import dev.tenure.connectors.deadletters.ReplayableSource;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import org.springframework.stereotype.Component;

/**
 * Reads a refused Kafka record again from its dead letter rather than from the topic, whose retention
 * may have dropped it long ago: one usage record, as the Kafka route reads one. A message that was not
 * JSON is refused again with the same reason.
 */
@Component
class KafkaReplay implements ReplayableSource {

    private final KafkaUsageIntake intake;

    KafkaReplay(KafkaUsageIntake intake) {
        this.intake = intake;
    }

    /** Kafka's dead letters are filed under {@code <topic>/<partition>/<offset>}: known by their source. */
    @Override
    public boolean handles(DeadLetter letter) {
        return KafkaUsageIntake.SOURCE.equals(letter.source());
    }

    @Override
    public IntakeResult replay(DeadLetter letter) {
        return intake.replay(letter.record(), letter.origin());
    }
}
