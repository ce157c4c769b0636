package dev.tenure.connectors.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The Kafka source's settings ({@code tenure.kafka.*}). Nothing is consumed unless {@code brokers} is set.
 *
 * @param brokers            bootstrap servers, {@code host:port[,host:port...]}
 * @param groupId            the consumer group: the nodes of one Tenure installation share it, so each partition
 *                           is read by one node, and a restarted node goes on from the offsets the group committed
 * @param clientId           this node's name at the broker ({@code kafka-consumer-groups --describe} shows which
 *                           client holds which partition); none: the Kafka client makes one up
 * @param consumers          consumer threads on this node; more than the topic's partitions only wait
 * @param assignment         how the group shares the partitions among its consumers
 * @param sessionTimeout     how long the broker waits for a node that stopped sending heartbeats (a crash, a
 *                           cut network) before giving its partitions to the others; within the broker's
 *                           {@code group.min.session.timeout.ms} (6s by default) and
 *                           {@code group.max.session.timeout.ms} (30m)
 * @param heartbeatInterval  how often a consumer tells the broker it is alive; at most a third of the session timeout
 * @param maxPollInterval    the longest a consumer may take over the messages of one poll before the group takes
 *                           its partitions away (a node stuck on a hung database)
 * @param usage              the topic of usage events
 */
@Validated
@ConfigurationProperties("tenure.kafka")
public record KafkaSourceProperties(String brokers,
                                    @DefaultValue("tenure") String groupId,
                                    String clientId,
                                    @DefaultValue("1") int consumers,
                                    @DefaultValue("cooperative-sticky") Assignment assignment,
                                    @DefaultValue("45s") Duration sessionTimeout,
                                    @DefaultValue("3s") Duration heartbeatInterval,
                                    @DefaultValue("5m") Duration maxPollInterval,
                                    @DefaultValue Usage usage) {

    public KafkaSourceProperties {
        if (consumers < 1) {
            throw new IllegalArgumentException("tenure.kafka.consumers must be at least 1, was " + consumers);
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("tenure.kafka.group-id must not be blank");
        }
        clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
        if (clientId != null && !clientId.matches("[A-Za-z0-9._-]+")) {
            // It goes into the endpoint's URI and the client's metric names.
            throw new IllegalArgumentException("tenure.kafka.client-id may hold only letters, digits, '.', '_' and '-', was '"
                    + clientId + "'");
        }
        if (sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tenure.kafka.session-timeout must be at least 1s, was " + sessionTimeout);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("tenure.kafka.heartbeat-interval must be above 0 and at most a third of "
                    + "tenure.kafka.session-timeout (" + sessionTimeout + "), was " + heartbeatInterval);
        }
        if (maxPollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tenure.kafka.max-poll-interval must be at least 1s, was " + maxPollInterval);
        }
    }

    /**
     * How a group shares the partitions, Kafka's assignors. Every node of a group must name the same one: a node
     * with another is refused by the broker until the others are gone.
     */
    public enum Assignment {
        /**
         * When a node joins or leaves, only the partitions that change hands stop; the others go on being read,
         * and each node keeps what it had as far as it can.
         */
        COOPERATIVE_STICKY("org.apache.kafka.clients.consumer.CooperativeStickyAssignor"),
        /** Every node stops reading while the group shares out the partitions again, each a range of them. */
        RANGE("org.apache.kafka.clients.consumer.RangeAssignor"),
        /** As range, the partitions dealt out one by one. */
        ROUND_ROBIN("org.apache.kafka.clients.consumer.RoundRobinAssignor"),
        /** As range, each node keeping what it had as far as it can. */
        STICKY("org.apache.kafka.clients.consumer.StickyAssignor");

        private final String assignor;

        Assignment(String assignor) {
            this.assignor = assignor;
        }

        /** The class Kafka's {@code partition.assignment.strategy} names. */
        String assignor() {
            return assignor;
        }
    }

    /**
     * @param topic          the topic read; a message is one usage record (JSON) or an array of them
     * @param maxPollRecords at most this many messages are taken from the broker at once
     */
    public record Usage(@DefaultValue("tenure.usage") String topic, @DefaultValue("500") int maxPollRecords) {

        public Usage {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("tenure.kafka.usage.topic must not be blank");
            }
            if (maxPollRecords < 1) {
                throw new IllegalArgumentException("tenure.kafka.usage.max-poll-records must be at least 1, was "
                        + maxPollRecords);
            }
        }
    }
}
