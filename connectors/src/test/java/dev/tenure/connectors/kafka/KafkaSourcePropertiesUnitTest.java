package dev.tenure.connectors.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSourcePropertiesUnitTest {

    private static KafkaSourceProperties bind(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("tenure.kafka.brokers", "kafka-1:9092"));
        all.putAll(settings);
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("tenure.kafka", KafkaSourceProperties.class);
    }

    private static String uri(Map<String, String> settings) {
        return new KafkaUsageRoute(bind(settings), null).endpointUri();
    }

    @Test
    void byDefaultTheNodesOfAGroupShareThePartitionsCooperativelyAndADeadNodeIsNoticedWithin45Seconds() {
        KafkaSourceProperties defaults = bind(Map.of());

        assertThat(defaults.groupId()).isEqualTo("tenure");
        assertThat(defaults.clientId()).isNull();
        assertThat(defaults.assignment()).isEqualTo(KafkaSourceProperties.Assignment.COOPERATIVE_STICKY);
        assertThat(defaults.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(uri(Map.of()))
                .contains("groupId=tenure&", "partitionAssignor=org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                        "sessionTimeoutMs=45000", "heartbeatIntervalMs=3000", "maxPollIntervalMs=300000",
                        "autoCommitEnable=false", "allowManualCommit=true", "breakOnFirstError=true")
                .doesNotContain("clientId");
    }

    @Test
    void theSettingsReachTheConsumer() {
        String uri = uri(Map.of("tenure.kafka.group-id", "acme-tenure", "tenure.kafka.client-id", "node-2",
                "tenure.kafka.assignment", "range", "tenure.kafka.session-timeout", "10s",
                "tenure.kafka.heartbeat-interval", "2s", "tenure.kafka.max-poll-interval", "1m"));

        assertThat(uri).contains("groupId=acme-tenure&", "clientId=node-2&",
                "partitionAssignor=org.apache.kafka.clients.consumer.RangeAssignor", "sessionTimeoutMs=10000",
                "heartbeatIntervalMs=2000", "maxPollIntervalMs=60000");
    }

    @Test
    void aHeartbeatSlowerThanAThirdOfTheSessionTimeoutIsRefusedNamingBoth() {
        assertThatThrownBy(() -> bind(Map.of("tenure.kafka.session-timeout", "6s", "tenure.kafka.heartbeat-interval", "3s")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("tenure.kafka.heartbeat-interval must be above 0 and at most a third of "
                        + "tenure.kafka.session-timeout (PT6S), was PT3S");
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("tenure.kafka.session-timeout", "500ms")))
                .rootCause().hasMessageStartingWith("tenure.kafka.session-timeout must be at least 1s");
        assertThatThrownBy(() -> bind(Map.of("tenure.kafka.max-poll-interval", "0s")))
                .rootCause().hasMessageStartingWith("tenure.kafka.max-poll-interval must be at least 1s");
        assertThatThrownBy(() -> bind(Map.of("tenure.kafka.client-id", "node 2&x=y")))
                .rootCause().hasMessageStartingWith("tenure.kafka.client-id may hold only letters");
        assertThatThrownBy(() -> bind(Map.of("tenure.kafka.assignment", "fair")))
                .isInstanceOf(BindException.class).hasMessageContaining("tenure.kafka.assignment");
    }

    @Test
    void aBlankClientIdLeavesTheNameToKafka() {
        assertThat(bind(Map.of("tenure.kafka.client-id", " ")).clientId()).isNull();
    }
}
