package dev.tenure.api.monitoring;

import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} on {@code /actuator/health}: the consumer of usage events, DOWN while it is stopped or
 * Camel's check of it fails (brokers unreachable); UNKNOWN, with the setting named, when no brokers are
 * configured. Not part of readiness: webhooks work without Kafka.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator {

    private final CamelContext camel;

    KafkaHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        Health health = RouteHealth.of(camel, RouteHealth::readsKafka);
        return health.getDetails().isEmpty()
                ? Health.unknown().withDetail("configured", "no (tenure.kafka.brokers is not set)").build()
                : health;
    }
}
