package dev.tenure.api.monitoring;

import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code sources} on {@code /actuator/health}: the routes that take records in (webhooks, the file drop,
 * Segment, Stripe, Zendesk, each JDBC source) and the dead-letter route, but not Kafka, which has its own.
 * Not part of readiness: a stuck file drop must not take the node's webhooks out of the load balancer.
 */
@Component
class SourcesHealthIndicator implements HealthIndicator {

    private final CamelContext camel;

    SourcesHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        return RouteHealth.of(camel, route -> !RouteHealth.readsKafka(route));
    }
}
