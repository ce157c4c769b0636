package dev.tenure.connectors.kafka;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.testing.TestClock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Usage events produced to a real (embedded) Kafka broker, read by the real route into the real engine.
 * Each test keys its messages by its own account, so they share one partition and arrive in order: a
 * message that landed means every message sent before it on that account was read.
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
class KafkaUsageIntegrationTest extends ConnectorsIntegrationTest {

    static final String TOPIC = "tenure.usage.test";
    static final String GROUP = "tenure-kafka-test";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    CamelContext camel;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private RecordMetadata send(String accountId, String value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPIC, accountId, value)).get();
    }

    private static String usage(String eventId, String accountId, String feature) {
        return """
                {"eventId": "%s", "accountId": "%s", "occurredAt": "2026-11-20T10:00:00Z", "feature": "%s", "quantity": 3, "activeUsers": 2}"""
                .formatted(eventId, accountId, feature);
    }

    private List<String> sourcesOf(String accountId) {
        return jdbc.sql("SELECT DISTINCT source FROM all_signals WHERE account_id = ?").param(accountId)
                .query(String.class).list();
    }

    private List<DeadLetter> deadLettersAbout(String accountId) {
        return deadLetters.latest(KafkaUsageIntake.SOURCE, 10_000).stream()
                .filter(d -> d.record().contains(accountId))
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    @Test
    void usageEventsProducedForAnAccountLandAsSignalsFromKafka() throws Exception {
        String account = existingAccount("Kafka Landing");

        send(account, usage("k-1", account, "core"));
        send(account, "[" + usage("k-2", account, "core") + "," + usage("k-3", account, "reports") + "]");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(signalsOf(account)).containsExactly("k-1", "k-2", "k-3"));
        assertThat(sourcesOf(account)).containsExactly("kafka");
    }

    @Test
    void badMessagesBecomeDeadLettersAndTheNextGoodOneStillLands() throws Exception {
        String account = existingAccount("Kafka Dead Letters");

        RecordMetadata notJson = send(account, "not json " + account);
        send(account, usage("k-bad-time", account, "core").replace("2026-11-20T10:00:00Z", "2026-13-01"));
        send(account, "[" + usage("k-good-in-batch", account, "core") + ","
                + usage("k-unknown-account", "no-such-account-" + account, "core") + "]");
        send(account, usage("k-after", account, "core"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(signalsOf(account)).contains("k-after"));
        assertThat(signalsOf(account)).containsExactly("k-after", "k-good-in-batch");
        List<DeadLetter> letters = deadLettersAbout(account);
        assertThat(letters).hasSize(3);
        assertThat(letters.get(0).origin()).isEqualTo(TOPIC + "/" + notJson.partition() + "/" + notJson.offset());
        assertThat(letters.get(0).record()).isEqualTo("not json " + account);
        assertThat(letters.get(0).reason()).startsWith("message: json: Unrecognized token");
        assertThat(letters.get(1).record()).contains("2026-13-01");
        assertThat(letters.get(1).reason()).contains("usage (event k-bad-time): occurredAt: '2026-13-01'");
        assertThat(letters.get(2).record()).contains("k-unknown-account").doesNotContain("k-good-in-batch");
        assertThat(letters.get(2).reason()).contains("k-unknown-account");
    }

    @Test
    void aMessageSentTwiceMakesOneSignal() throws Exception {
        String account = existingAccount("Kafka Resent");
        String message = usage("k-twice-" + UUID.randomUUID(), account, "core");

        send(account, message);
        send(account, message);
        RecordMetadata last = send(account, usage("k-last", account, "core"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(signalsOf(account)).contains("k-last"));
        assertThat(signalsOf(account)).hasSize(2);
        // Offsets are committed once stored: the group's position is past the last message of this partition.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committedOffset(last.partition()))
                .isGreaterThan(last.offset()));
    }

    @Test
    void coreUsageThatFellStartsTheSavePlay() throws Exception {
        String account = existingAccount("Kafka Dropper");
        LocalDate today = TestClock.today();
        StringJoiner days = new StringJoiner(",", "[", "]");
        // Four usual weeks, then four weeks at 40%: a drop that stayed, as the starter rules ask.
        for (int d = 56; d >= 0; d--) {
            days.add("""
                    {"eventId": "drop-%d", "accountId": "%s", "occurredAt": "%sT10:00:00Z", "feature": "core", "quantity": %d}"""
                    .formatted(d, account, today.minusDays(d), d >= 29 ? 100 : 40));
        }

        send(account, days.toString());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql("SELECT play_id FROM play_run WHERE account_id = ?")
                .param(account).query(String.class).list()).containsExactly("save-usage-drop"));
    }

    @Test
    void aMessageTheEngineFailedOnIsReadAgainNotLost() throws Exception {
        String account = existingAccount("Kafka Outage");
        AtomicInteger failures = new AtomicInteger();
        EventNotifierSupport failureCounter = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeFailedEvent failed
                        && KafkaUsageRoute.ROUTE_ID.equals(failed.getExchange().getFromRouteId())
                        && failed.getExchange().getIn().getBody(String.class).contains(account)) {
                    failures.incrementAndGet();
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(failureCounter);
        // The database refuses this account's signals, as it would while down: the engine fails, not the record.
        String trigger = "refuse_" + account.replace('-', '_');
        jdbc.sql("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.account_id = '" + account + "' THEN RAISE EXCEPTION 'database unavailable'; END IF; "
                + "RETURN NEW; END $$").update();
        jdbc.sql("CREATE TRIGGER " + trigger + " BEFORE INSERT ON usage_event FOR EACH ROW EXECUTE FUNCTION " + trigger + "()")
                .update();
        try {
            send(account, usage("k-during-outage", account, "core"));
            send(account, usage("k-after-outage", account, "core"));

            await().atMost(PATIENCE).until(() -> failures.get() >= 2);
            assertThat(signalsOf(account)).isEmpty();
        } finally {
            jdbc.sql("DROP TRIGGER " + trigger + " ON usage_event").update();
            jdbc.sql("DROP FUNCTION " + trigger + "()").update();
            camel.getManagementStrategy().removeEventNotifier(failureCounter);
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(signalsOf(account))
                .containsExactly("k-after-outage", "k-during-outage"));
        assertThat(deadLettersAbout(account)).isEmpty();
    }

    private long committedOffset(int partition) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPIC, partition));
            return committed == null ? -1 : committed.offset();
        }
    }
}
