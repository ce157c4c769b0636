package dev.tenure.engine.backfill;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the health backfill settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthBackfillProperties.class)
class BackfillConfiguration {
}
