package dev.tenure.engine.testing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points every test context at the JVM's shared PostgreSQL and GreenMail, and at the repository's
 * rule set. Runs after the configuration files are read and before the application's own embedded
 * database would start, so the application sees a configured database.
 */
public class TestInfrastructure implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        // A test of the application's own embedded database says tenure.test.shared-database=off.
        if (!environment.containsProperty("spring.datasource.url") && !"off".equals(environment.getProperty("tenure.test.shared-database"))) {
            properties.put("spring.datasource.url", SharedPostgres.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
        }
        // A test that needs no SMTP server says tenure.test.smtp=off.
        if (!environment.containsProperty("spring.mail.host") && !"off".equals(environment.getProperty("tenure.test.smtp"))) {
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", SharedGreenMail.port());
        }
        // Every context of the JVM is a node of its own on the shared database (host and process id, the
        // default name, are the same for all of them).
        if (!environment.containsProperty("tenure.rules-sync.node-id")) {
            properties.put("tenure.rules-sync.node-id", "test-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (!environment.containsProperty("tenure.rules-folder")) {
            properties.put("tenure.rules-folder", "../rules");
        }
        // Cadence passes and digests run when a test asks: a pass at the full hour would start plays for every test's accounts.
        if (!environment.containsProperty("tenure.cadences.cron")) {
            properties.put("tenure.cadences.cron", "0 0 0 1 1 ? 2099");
        }
        if (!environment.containsProperty("tenure.digest.cron")) {
            properties.put("tenure.digest.cron", "0 0 0 1 1 ? 2099");
        }
        // A held-out account gets no play: tests expecting the starter plays would fail for one account in ten.
        // The draw and the held-out runs are tested with plays and draws of their own.
        if (!environment.containsProperty("tenure.holdouts.enabled")) {
            properties.put("tenure.holdouts.enabled", false);
        }
        // Every test of the JVM sends into one database on one day: together they would pass a real day's
        // limit and have later tests' emails wait for tomorrow. The limit itself is tested with its own numbers.
        if (!environment.containsProperty("tenure.guardrails.daily-limit")) {
            properties.put("tenure.guardrails.daily-limit", 1_000_000);
        }
        // At the test JVM's exit, Spring closes its cached contexts while the shared PostgreSQL stops in
        // another shutdown hook; Quartz must not wait on jobs retrying against a database that is gone.
        properties.put("spring.quartz.wait-for-jobs-to-complete-on-shutdown", false);
        properties.put("spring.quartz.properties.org.quartz.threadPool.makeThreadsDaemons", true);
        properties.put("spring.quartz.properties.org.quartz.scheduler.makeSchedulerThreadDaemon", true);
        environment.getPropertySources().addFirst(new MapPropertySource("tenure-test-infrastructure", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
