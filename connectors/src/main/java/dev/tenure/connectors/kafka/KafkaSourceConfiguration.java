package dev.tenure.connectors.kafka;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Wires the Kafka route, only when brokers are configured: without them nothing tries to connect, so an
 * installation without Kafka (the demo, most tests) starts as before.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaSourceConfiguration.BrokersConfigured.class)
@EnableConfigurationProperties(KafkaSourceProperties.class)
class KafkaSourceConfiguration {

    @Bean
    KafkaUsageRoute kafkaUsageRoute(KafkaSourceProperties properties, KafkaUsageIntake intake) {
        return new KafkaUsageRoute(properties, intake);
    }

    /** Blank counts as absent, so {@code brokers: ${TENURE_KAFKA_BROKERS:}} leaves Kafka off. */
    static class BrokersConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("tenure.kafka.brokers"));
        }
    }
}
