package dev.tenure.bench;

import dev.tenure.api.TenureApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The whole application as {@link TenureApplication} runs it (engine, connectors, api: web server, security,
 * Quartz), plus the benchmark's bare webhook. Not {@code TenureApplication} itself: it scans all of
 * {@code dev.tenure}, which would take in the other benchmarks' applications from this package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"dev.tenure.engine", "dev.tenure.connectors", "dev.tenure.api"}, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = TenureApplication.class)})
@Import(BareWebhook.class)
class LiveApplication {
}
