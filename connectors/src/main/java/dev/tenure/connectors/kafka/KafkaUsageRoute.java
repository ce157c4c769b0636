package dev.tenure.connectors.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Usage events from Kafka. A message's offset is committed only after the engine stored it (and its bad
 * records were kept as dead letters); if that fails, the consumer goes back to the message and reads it
 * again rather than skipping it. Reading a message twice is harmless: signals are deduplicated by
 * (source, eventId). The nodes of an installation are one consumer group and share the partitions; a node
 * taking a partition over starts at the last commit, so at worst it reads again what the last owner stored.
 */
class KafkaUsageRoute extends RouteBuilder {

    static final String ROUTE_ID = "kafka-usage";
    /** The route's steps: the message handed to the engine, then its offset committed. */
    static final String STORE = "kafka-usage-store";
    static final String COMMIT = "kafka-usage-commit";

    private final KafkaSourceProperties properties;
    private final KafkaUsageIntake intake;

    KafkaUsageRoute(KafkaSourceProperties properties, KafkaUsageIntake intake) {
        this.properties = properties;
        this.intake = intake;
    }

    @Override
    public void configure() {
        // No dead letter channel: a failure here is the engine's, not the record's (bad records are
        // dead-lettered inside), and it must reach the consumer so that it does not commit the offset.
        from(endpointUri())
                .routeId(ROUTE_ID)
                .process(this::receive).id(STORE)
                .log(LoggingLevel.DEBUG, "${body}")
                .process(KafkaUsageRoute::commit).id(COMMIT);
    }

    private void receive(Exchange exchange) {
        var message = exchange.getMessage();
        String origin = message.getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "/"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
        message.setBody(intake.receive(message.getHeader(KafkaConstants.KEY, String.class), message.getBody(String.class),
                origin));
    }

    private static void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }

    String endpointUri() {
        KafkaSourceProperties.Usage usage = properties.usage();
        return "kafka:" + usage.topic()
                + "?brokers=" + properties.brokers()
                + "&groupId=" + properties.groupId()
                + (properties.clientId() == null ? "" : "&clientId=" + properties.clientId())
                + "&consumersCount=" + properties.consumers()
                + "&maxPollRecords=" + usage.maxPollRecords()
                + "&partitionAssignor=" + properties.assignment().assignor()
                // A node that died without leaving the group keeps its partitions unread this long.
                + "&sessionTimeoutMs=" + properties.sessionTimeout().toMillis()
                + "&heartbeatIntervalMs=" + properties.heartbeatInterval().toMillis()
                + "&maxPollIntervalMs=" + properties.maxPollInterval().toMillis()
                // A new group starts at the beginning of the topic: duplicates are harmless, gaps are not.
                + "&autoOffsetReset=earliest"
                // Only the route commits, after the engine stored the message. Without a manual commit factory
                // Camel's commit manager is a no-op, so neither a stopping node nor one losing a partition in
                // a rebalance commits an offset past what it stored.
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                // On a failure, seek back to the failed message and read it again instead of moving on.
                + "&breakOnFirstError=true"
                + "&keyDeserializer=org.apache.kafka.common.serialization.StringDeserializer"
                + "&valueDeserializer=org.apache.kafka.common.serialization.StringDeserializer";
    }
}
