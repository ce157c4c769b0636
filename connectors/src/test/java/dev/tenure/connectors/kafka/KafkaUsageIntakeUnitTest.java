package dev.tenure.connectors.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.FakeDeadLetters;
import dev.tenure.connectors.FakeIntake;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.vocabulary.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(OutputCaptureExtension.class)
class KafkaUsageIntakeUnitTest {

    private static final String ORIGIN = "tenure.usage/1/42";

    private final FakeIntake engine = new FakeIntake("ghost");
    private final FakeDeadLetters deadLetters = new FakeDeadLetters();
    private final KafkaUsageIntake kafka = new KafkaUsageIntake(new RecordMapper(), engine, deadLetters, new ObjectMapper());

    private static String usage(String eventId, String accountId) {
        return "{\"eventId\":\"" + eventId + "\",\"accountId\":\"" + accountId
                + "\",\"occurredAt\":\"2026-11-01T10:00:00Z\",\"feature\":\"core\"}";
    }

    @Test
    void aRecordBecomesAUsageSignalFromKafka() {
        MessageReport report = kafka.receive(usage("e-1", "acme"), ORIGIN);

        assertThat(report).isEqualTo(new MessageReport(ORIGIN, 1, 1, 0, 0));
        assertThat(engine.storedLabels()).containsExactly("usage (event e-1)");
        assertThat(engine.storedSignals()).extracting(Signal::source).containsExactly("kafka");
    }

    @Test
    void aMessageThatIsNotJsonIsOneDeadLetterWithThePayload() {
        MessageReport report = kafka.receive("hello", ORIGIN);

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(engine.calls()).isZero();
        assertThat(deadLetters.all()).extracting(DeadLetter::source, DeadLetter::origin, DeadLetter::record)
                .containsExactly(tuple("kafka", ORIGIN, "hello"));
        assertThat(deadLetters.all().get(0).reason()).startsWith("message: json: Unrecognized token 'hello'");
    }

    @Test
    void inABatchOnlyTheBadRecordsAreDeadLetteredAndTheGoodOnesLand() {
        String badField = usage("e-2", "acme").replace("\"core\"", "\"\"");
        MessageReport report = kafka.receive("[" + usage("e-1", "acme") + "," + badField + ","
                + usage("e-3", "ghost") + "," + usage("e-4", "acme") + "]", ORIGIN);

        assertThat(report).isEqualTo(new MessageReport(ORIGIN, 4, 2, 0, 2));
        assertThat(engine.storedLabels()).containsExactly("usage[0] (event e-1)", "usage[3] (event e-4)");
        assertThat(deadLetters.all()).extracting(DeadLetter::record)
                .containsExactly(badField, usage("e-3", "ghost"));
        assertThat(deadLetters.all()).extracting(DeadLetter::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("usage[1] (event e-2): feature: "),
                reason -> assertThat(reason).isEqualTo("usage[2] (event e-3): accountId: unknown account 'ghost'"));
    }

    @Test
    void aRecordGivingAFieldTwiceIsDeadLetteredAloneAndTheRecordsBesideItLand() {
        String twice = usage("e-2", "acme").replace("\"feature\":\"core\"", "\"feature\":\"core\",\"feature\":\"reports\"");
        MessageReport report = kafka.receive("[" + usage("e-1", "acme") + ", " + twice + "," + usage("e-3", "acme") + "]", ORIGIN);

        assertThat(report).isEqualTo(new MessageReport(ORIGIN, 3, 2, 0, 1));
        assertThat(engine.storedLabels()).containsExactly("usage[0] (event e-1)", "usage[2] (event e-3)");
        assertThat(deadLetters.all()).extracting(DeadLetter::record).containsExactly(twice);
        assertThat(deadLetters.all().get(0).reason()).startsWith("usage[1]: json: Duplicate field 'feature'");

        kafka.receive("[\"abc\", " + twice + "]", ORIGIN);
        assertThat(deadLetters.all()).extracting(DeadLetter::record).containsExactly(twice, "\"abc\"", twice);
    }

    @Test
    void aScalarIsNotAUsageRecord() {
        kafka.receive("42", ORIGIN);

        assertThat(deadLetters.all()).extracting(DeadLetter::reason)
                .containsExactly("message: json: expected a usage record (JSON object) or an array of them");
    }

    @Test
    void aMessageNotKeyedByItsAccountIsStoredAndWarnedOfOnce(CapturedOutput output) {
        String warning = "key messages by account id";

        kafka.receive("acme", usage("e-1", "acme"), ORIGIN);
        kafka.receive("acme", "[" + usage("e-2", "acme") + "," + usage("e-3", "globex") + "]", ORIGIN);
        assertThat(output.getAll()).as("keyed by account, or several accounts in one message").doesNotContain(warning);

        kafka.receive(null, usage("e-4", "acme"), "tenure.usage/0/7");
        kafka.receive("globex", usage("e-5", "acme"), "tenure.usage/0/8");

        assertThat(engine.storedLabels()).contains("usage (event e-4)", "usage (event e-5)");
        assertThat(output.getAll()).containsOnlyOnce(warning)
                .contains("Kafka message tenure.usage/0/7 has no key but holds usage of account 'acme': " + warning);
    }
}
