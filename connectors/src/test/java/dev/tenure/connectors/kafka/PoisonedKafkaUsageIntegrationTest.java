package dev.tenure.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.testing.Poison;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Mutation;
import dev.tenure.engine.testing.PoisonRecords.Record;
import dev.tenure.engine.testing.SeededDraws;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Usage messages with generated bad records among good ones, produced to the embedded broker: one record, an
 * array of them, or no usage record at all. The partition never stalls: every record of a message is a signal
 * or a dead letter of that message's offset, a good record always a signal, and a good message after them all
 * still lands. Drawn from a seed ({@link SeededDraws}), printed in each message's test name.
 * <p>
 * The same configuration as {@link KafkaUsageIntegrationTest}, so both share its context and broker (slow to start).
 */
@EmbeddedKafka(kraft = true, partitions = 2, topics = KafkaUsageIntegrationTest.TOPIC)
@TestPropertySource(properties = {
        "tenure.kafka.brokers=${spring.kafka.bootstrap-servers}",
        "tenure.kafka.usage.topic=" + KafkaUsageIntegrationTest.TOPIC,
        "tenure.kafka.group-id=" + KafkaUsageIntegrationTest.GROUP,
        // A context of its own: its Quartz scheduler must not be the one the other connectors tests share.
        "spring.quartz.scheduler-name=tenure-kafka-test",
        // The Kafka clients log every setting they start with.
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
class PoisonedKafkaUsageIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MESSAGES = 40;
    /** Under the broker's and producer's message limit (1 MB), which refuse larger ones before Tenure sees them. */
    private static final int MOST_MESSAGE = 900_000;
    private static final List<String> DATABASE_WORDS = List.of("PSQLException", "ERROR:", "violates", "SQL", "org.postgresql");

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ObjectMapper json;

    private final SeededDraws draws = SeededDraws.fromConfiguredSeed();
    private final String tag = "k" + UUID.randomUUID().toString().substring(0, 6);

    /** A message: its records (none for a message that is not usage JSON), sent as an array or one object. */
    private record Message(List<Record> records, boolean array, String junk) {

        String value() {
            if (junk != null) {
                return junk;
            }
            return array ? records.stream().map(Record::json).collect(Collectors.joining(", ", "[", "]")) : records.get(0).json();
        }

        String describe() {
            return junk != null ? "not usage: " + PoisonRecords.shown(junk) : records.stream()
                    .map(r -> r.valid() ? "valid" : r.spoiled()).collect(Collectors.joining(" | ", array ? "[" : "", array ? "]" : ""));
        }
    }

    private record Shape(List<List<Mutation>> records, boolean array, String junk) {
    }

    @TestFactory
    Stream<DynamicTest> every_record_of_a_message_is_a_signal_or_a_dead_letter_and_the_partition_goes_on() throws Exception {
        String account = existingAccount("Kafka Poison");
        Arbitrary<List<Mutation>> record = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(2, PoisonRecords.mutations(PoisonRecords.USAGE)));
        Arbitrary<Shape> shapes = Arbitraries.frequencyOf(
                Tuple.of(4, record.map(r -> new Shape(List.of(r), false, null))),
                Tuple.of(4, record.list().ofMinSize(0).ofMaxSize(5).map(rs -> new Shape(rs, true, null))),
                Tuple.of(1, Arbitraries.oneOf(Arbitraries.of("", " ", "not json", "{", "null", "42", "\"usage\"", "{} {}",
                        Poison.nested(100_000), "[" + "{}, ".repeat(3_000) + "{}]"), Poison.text()).map(j -> new Shape(List.of(), false, j))));
        List<Shape> drawn = draws.draw(shapes, MESSAGES);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            Shape shape = drawn.get(i);
            List<Record> records = new ArrayList<>();
            for (int r = 0; r < shape.records().size(); r++) {
                records.add(PoisonRecords.spoil(PoisonRecords.valid(PoisonRecords.USAGE, tag, i * 10 + r, account, null),
                        shape.records().get(r)));
            }
            Message message = new Message(records, shape.array(), shape.junk());
            // A record too large for the broker never reaches Tenure: it is left out of what is sent.
            messages.add(message.value().length() < MOST_MESSAGE ? message
                    : new Message(List.of(), false, "a message that was too large for Kafka"));
        }
        List<RecordMetadata> sent = new ArrayList<>();
        Record last = PoisonRecords.valid(PoisonRecords.USAGE, tag, 999_999, account, null);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576), new StringSerializer(),
                new StringSerializer())) {
            for (Message message : messages) {
                sent.add(producer.send(new ProducerRecord<>(KafkaUsageIntegrationTest.TOPIC, account, message.value())).get());
            }
            producer.send(new ProducerRecord<>(KafkaUsageIntegrationTest.TOPIC, account, last.json())).get();
        }

        // One key, one partition, read in order: once the last message landed, every one before it was read.
        await().atMost(PATIENCE).until(() -> signalsOf(account).contains(last.key()));

        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            RecordMetadata at = sent.get(i);
            tests.add(DynamicTest.dynamicTest("message " + i + " (seed " + draws.seed() + "): " + message.describe(),
                    () -> everyRecordASignalOrADeadLetter(message, at, account)));
        }
        return tests.stream();
    }

    /** The message as JSON of a record or an array, which the route reads record by record; else null. */
    private JsonNode usageJson(String value) {
        try {
            JsonNode tree = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(value);
            return tree != null && (tree.isObject() || tree.isArray()) ? tree : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void everyRecordASignalOrADeadLetter(Message message, RecordMetadata at, String account) {
        String origin = KafkaUsageIntegrationTest.TOPIC + "/" + at.partition() + "/" + at.offset();
        List<DeadLetter> letters = deadLettersFrom(origin);
        letters.forEach(letter -> {
            assertThat(letter.source()).isEqualTo("kafka");
            assertThat(letter.reason()).as("names the record and field").contains(": ");
            DATABASE_WORDS.forEach(word -> assertThat(letter.reason()).doesNotContain(word));
        });
        JsonNode tree = usageJson(message.value());
        if (tree == null) {
            assertThat(letters).as("a message that is no usage JSON is one dead letter").hasSize(1);
            // As it arrives (UTF-8 has no lone surrogate) and is kept (PostgreSQL's text no NUL).
            assertThat(letters.get(0).record()).isEqualTo(new String(message.value().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8).replace('\u0000', '\uFFFD'));
            return;
        }
        if (message.junk() != null) {
            assertThat(letters).as("no usage record in it: each element a dead letter").hasSize(tree.isArray() ? tree.size() : 1);
            return;
        }
        List<String> signals = signalsOf(account);
        for (Record record : message.records()) {
            boolean stored = signals.contains(record.from());
            boolean keyIntact = record.from().equals(record.lastText("eventId"));
            if (record.valid()) {
                assertThat(stored).as("a good record is a signal").isTrue();
            } else if (stored && keyIntact) {
                assertThat(letters).as("stored, so no dead letter").noneMatch(l -> l.record().equals(record.json()));
            }
        }
        long goodOnes = message.records().stream().filter(Record::valid).count();
        assertThat(letters.size()).as("at most one dead letter per bad record")
                .isLessThanOrEqualTo((int) (message.records().size() - goodOnes));
        // Exactly, when every record kept the event id it is found by.
        if (message.records().stream().allMatch(r -> r.from().equals(r.lastText("eventId")) || r.raw() != null)) {
            long storedHere = message.records().stream().filter(r -> r.raw() == null && signals.contains(r.from())).count();
            assertThat(storedHere + letters.size()).as("each record a signal or a dead letter").isEqualTo(message.records().size());
        }
    }
}
