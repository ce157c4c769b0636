package dev.tenure.connectors.kafka;

import dev.tenure.connectors.ConnectorsTestApplication;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given two nodes (two engine instances, each its own Spring and Camel context and node name) in one
 * consumer group on one PostgreSQL, and a topic of four partitions whose usage messages are keyed by
 * account: both nodes read, each its own partitions. When node A dies midway, holding a message it has
 * stored but whose offset it has not committed, node B takes over A's partitions, reads that message again
 * (a duplicate, not a second signal) and the rest of A's, and in the end every message sent is one signal
 * and counted once in the daily usage.
 */
class KafkaAcrossNodesIntegrationTest {

    private static final String TOPIC = "tenure.usage.nodes";
    private static final String GROUP = "tenure-nodes-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int PARTITIONS = 4;
    /** Messages sent while both nodes read, then while node A is dying, then once B alone reads. */
    private static final int EACH_PHASE = 80;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int QUANTITY = 3;

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        // Share the partitions out as soon as a node joins, rather than waiting for more to come.
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    /**
     * One node: its own Kafka client id and Quartz instance, the shortest session timeout the broker takes
     * (6s) so a dead node's partitions move within seconds, yet not so short that a busy machine's pause
     * looks like a death, and Camel's stop not waiting for the message in hand. Command-line arguments,
     * because the engine's own properties would win over the builder's default properties.
     */
    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(ConnectorsTestApplication.class)
                .properties("spring.main.banner-mode=off")
                .run("--tenure.kafka.brokers=" + broker.getBrokersAsString(),
                        "--tenure.kafka.usage.topic=" + TOPIC,
                        "--tenure.kafka.group-id=" + GROUP,
                        "--tenure.kafka.client-id=" + name,
                        "--tenure.kafka.session-timeout=6s",
                        "--tenure.kafka.heartbeat-interval=1s",
                        "--tenure.kafka.max-poll-interval=30s",
                        "--tenure.kafka.usage.max-poll-records=10",
                        "--camel.main.shutdown-timeout=1",
                        "--camel.component.kafka.shutdown-timeout=1000",
                        // A context of its own: its scheduler must not be the one the other connectors tests share.
                        "--spring.quartz.scheduler-name=tenure-kafka-nodes-test",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name + "-" + UUID.randomUUID(),
                        // The warehouse source of the shared test settings has no table here.
                        "--tenure.sources.jdbc.rollup.interval=1h",
                        "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN");
    }

    /** A message a node read to the end of its route: where it was, and what the engine made of it. */
    private record Read(int partition, long offset, MessageReport report) {
    }

    /** Every message a node read through, in order. */
    private static Queue<Read> readsOf(ConfigurableApplicationContext node) {
        Queue<Read> reads = new ConcurrentLinkedQueue<>();
        node.getBean(CamelContext.class).getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed
                        && KafkaUsageRoute.ROUTE_ID.equals(completed.getExchange().getFromRouteId())
                        && completed.getExchange().getException() == null) {
                    var message = completed.getExchange().getMessage();
                    reads.add(new Read(message.getHeader(KafkaConstants.PARTITION, Integer.class),
                            message.getHeader(KafkaConstants.OFFSET, Long.class), message.getBody(MessageReport.class)));
                }
            }
        });
        return reads;
    }

    /**
     * Once armed, the next message a node has stored stops short of its commit, as a crash there would leave it:
     * the node holds it until its stop interrupts, and commits nothing.
     */
    private static final class DeathBeforeCommit {
        private volatile boolean armed;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);
        private volatile Read held;

        void process(Exchange exchange) throws InterruptedException {
            if (!armed) {
                return;
            }
            var message = exchange.getMessage();
            held = new Read(message.getHeader(KafkaConstants.PARTITION, Integer.class),
                    message.getHeader(KafkaConstants.OFFSET, Long.class), message.getBody(MessageReport.class));
            holding.countDown();
            try {
                never.await();
            } finally {
                // Whether the stop interrupted it or the test let it go, this node commits nothing more.
                armed = false;
            }
            throw new IllegalStateException("the node died before committing " + held);
        }
    }

    @Test
    void two_nodes_share_the_partitions_and_the_survivor_takes_over_without_losing_or_doubling_a_message() throws Exception {
        Map<Integer, List<String>> accountsByPartition = new HashMap<>();
        List<TestData> accounts = accountsOnEveryPartition(accountsByPartition);
        DeathBeforeCommit death = new DeathBeforeCommit();
        ConfigurableApplicationContext nodeA = node("node-a");
        try (ConfigurableApplicationContext nodeB = node("node-b");
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                     new StringSerializer(), new StringSerializer())) {
            JdbcClient jdbc = nodeB.getBean(JdbcClient.class);
            nodeB.getBean(Intake.class).accept(new Batch(
                    accounts.stream().flatMap(a -> a.batch().accounts().stream()).toList(),
                    accounts.stream().flatMap(a -> a.batch().contacts().stream()).toList(), List.of()));
            AdviceWith.adviceWith(nodeA.getBean(CamelContext.class), KafkaUsageRoute.ROUTE_ID,
                    route -> route.weaveById(KafkaUsageRoute.COMMIT).before().process(death::process));
            Queue<Read> readByA = readsOf(nodeA);
            Queue<Read> readByB = readsOf(nodeB);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(assignment())
                    .as("each node holds some partitions").containsOnlyKeys("node-a", "node-b")
                    .allSatisfy((node, partitions) -> assertThat(partitions).isNotEmpty()));

            // Both nodes read, each its own partitions, one account's messages all on its partition.
            List<String> sent = new ArrayList<>();
            sent.addAll(send(producer, accounts, "both", accountsByPartition));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(jdbc, sent)).isEqualTo(sent.size()));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(readByA.size() + readByB.size())
                    .as("messages read while both nodes ran").isEqualTo(sent.size()));
            Set<Integer> partitionsOfA = partitions(readByA);
            Set<Integer> partitionsOfB = partitions(readByB);
            assertThat(partitionsOfA).as("partitions node A read").isNotEmpty();
            assertThat(partitionsOfB).as("partitions node B read").isNotEmpty().doesNotContainAnyElementsOf(partitionsOfA);

            // Node A stores a message and dies before committing it, its other messages still unread.
            death.armed = true;
            sent.addAll(send(producer, accounts, "dying", accountsByPartition));
            await().atMost(PATIENCE).until(() -> death.holding.getCount() == 0);
            Read held = death.held;
            assertThat(held.report().accepted()).as("the message node A holds is stored").isEqualTo(1);
            nodeA.close();

            // Node B alone reads every partition, from where the group's commits stood.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(assignment())
                    .containsOnlyKeys("node-b").allSatisfy((node, partitions) ->
                            assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2, 3)));
            sent.addAll(send(producer, accounts, "after", accountsByPartition));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(stored(jdbc, sent)).isEqualTo(sent.size()));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(readByB)
                    .as("node B read the message node A died holding").anySatisfy(read -> {
                        assertThat(read.partition()).isEqualTo(held.partition());
                        assertThat(read.offset()).isEqualTo(held.offset());
                        assertThat(read.report().accepted()).as("stored again").isZero();
                        assertThat(read.report().duplicates()).as("found stored").isEqualTo(1);
                    }));

            // Every message once: one signal each, the daily usage counted once, the group's offsets at the end.
            assertThat(jdbc.sql("SELECT count(*) FROM usage_event WHERE source = 'kafka' AND external_id = ANY(?)")
                    .param(sent.toArray(String[]::new)).query(Long.class).single()).isEqualTo(sent.size());
            List<String> accountIds = accounts.stream().map(TestData::id).toList();
            assertThat(jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM usage_daily WHERE account_id = ANY(?)")
                    .param(accountIds.toArray(String[]::new)).query(Long.class).single())
                    .as("usage counted once per message").isEqualTo(QUANTITY * sent.size());
            assertThat(nodeB.getBean(DeadLetters.class).latest(KafkaUsageIntake.SOURCE, 10_000))
                    .noneMatch(letter -> accountIds.stream().anyMatch(letter.record()::contains));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(endOffsets()));
        } finally {
            death.never.countDown();
            nodeA.close();
        }
    }

    /**
     * Accounts until each partition has two, placed as Kafka's default partitioner places a key (murmur2 of
     * the key's bytes), so every partition carries messages.
     */
    private static List<TestData> accountsOnEveryPartition(Map<Integer, List<String>> byPartition) {
        List<TestData> accounts = new ArrayList<>();
        int i = 0;
        while (IntStream.range(0, PARTITIONS).anyMatch(p -> byPartition.getOrDefault(p, List.of()).size() < 2)) {
            TestData account = TestData.account("Kafka Node " + i++, Segment.LOW_TOUCH);
            int partition = Utils.toPositive(Utils.murmur2(account.id().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition.getOrDefault(partition, List.of()).size() < 2) {
                byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(account.id());
                accounts.add(account);
            }
        }
        return accounts;
    }

    /** One usage message per event, keyed by its account, the accounts in turn; their event ids. */
    private static List<String> send(KafkaProducer<String, String> producer, List<TestData> accounts, String phase,
                                     Map<Integer, List<String>> accountsByPartition) throws Exception {
        Instant occurredAt = TestClock.now().minus(Duration.ofDays(1));
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < EACH_PHASE; i++) {
            String account = accounts.get(i % accounts.size()).id();
            String eventId = phase + "-" + i + "-" + account;
            RecordMetadata at = producer.send(new ProducerRecord<>(TOPIC, account, """
                    {"eventId": "%s", "accountId": "%s", "occurredAt": "%s", "feature": "core", "quantity": %d}"""
                    .formatted(eventId, account, occurredAt, QUANTITY))).get();
            assertThat(accountsByPartition.get(at.partition())).as("the partition of account " + account).contains(account);
            eventIds.add(eventId);
        }
        return eventIds;
    }

    private static long stored(JdbcClient jdbc, List<String> eventIds) {
        return jdbc.sql("SELECT count(*) FROM usage_event WHERE source = 'kafka' AND external_id = ANY(?)")
                .param(eventIds.toArray(String[]::new)).query(Long.class).single();
    }

    private static Set<Integer> partitions(Queue<Read> reads) {
        return reads.stream().map(Read::partition).collect(Collectors.toSet());
    }

    /**
     * The group as the broker sees it once it settled: each member's client id and the partitions it holds;
     * none while the group is sharing them out or still counts a consumer that is gone.
     */
    private static Map<String, Set<Integer>> assignment() throws Exception {
        try (AdminClient admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
            Map<String, Set<Integer>> byClient = new HashMap<>();
            if (group.state() != ConsumerGroupState.STABLE) {
                return byClient;
            }
            for (MemberDescription member : group.members()) {
                Set<Integer> partitions = new HashSet<>();
                member.assignment().topicPartitions().forEach(tp -> partitions.add(tp.partition()));
                if (byClient.put(member.clientId(), partitions) != null) {
                    // A consumer of a node that stopped without leaving, until its session times out.
                    return Map.of();
                }
            }
            return byClient;
        }
    }

    private static Map<Integer, Long> committed() throws Exception {
        try (AdminClient admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static Map<Integer, Long> endOffsets() throws Exception {
        try (AdminClient admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
