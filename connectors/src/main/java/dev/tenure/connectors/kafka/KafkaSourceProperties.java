package dev.tenure.connectors.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka source's settings ({@code tenure.kafka.*}). Nothing is consumed unless {@code brokers} is set.
 *
 * @param brokers   bootstrap servers, {@code host:port[,host:port...]}
 * @param groupId   the consumer group: the nodes of one Tenure installation share it, so each partition is
 *                  read by one node, and a restarted node goes on from the offsets the group committed
 * @param consumers consumer threads on this node; more than the topic's partitions only wait
 * @param usage     the topic of usage events
 */
@ConfigurationProperties("tenure.kafka")
public record KafkaSourceProperties(String brokers,
                                    @DefaultValue("tenure") String groupId,
                                    @DefaultValue("1") int consumers,
                                    @DefaultValue Usage usage) {

    public KafkaSourceProperties {
        if (consumers < 1) {
            throw new IllegalArgumentException("tenure.kafka.consumers must be at least 1, was " + consumers);
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("tenure.kafka.group-id must not be blank");
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
