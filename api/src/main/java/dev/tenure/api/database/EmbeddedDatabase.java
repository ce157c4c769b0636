package dev.tenure.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.apache.commons.logging.Log;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * With no {@code spring.datasource.url}, starts a real PostgreSQL whose data lives in a folder under the
 * working directory ({@code tenure.embedded-database.data-dir}, default {@code data/postgres}), so a
 * fresh machine runs Tenure with one command and a restart keeps the data.
 */
public class EmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public EmbeddedDatabase(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDatabase.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("tenure.embedded-database.data-dir", "data/postgres")).toAbsolutePath();
        int port = environment.getProperty("tenure.embedded-database.port", Integer.class, 54329);
        EmbeddedPostgres postgres = start(dataDir, port);
        log.info("No spring.datasource.url: started an embedded PostgreSQL on port " + port + " with its data in " + dataDir);
        Stopper stopper = new Stopper(postgres);
        // Registered before any other bean, so it is destroyed after all of them: Quartz, the connection
        // pool and everything else that talks to the database stop while it still runs.
        application.addInitializers(context -> ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("embeddedDatabaseStopper", stopper));
        application.addListeners(stopper);
        environment.getPropertySources().addFirst(new MapPropertySource("tenure-embedded-database", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres")));
    }

    private static EmbeddedPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir + " on port " + port
                    + " (set tenure.embedded-database.port, or spring.datasource.url to use your own server)", e);
        }
    }

    /** After the configuration files are read, so a database URL set there wins. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    /**
     * Stops the server once the application's beans are gone, or when the application fails before its
     * context exists. Not on ContextClosedEvent: that comes first in a close, while Quartz still runs.
     */
    private static final class Stopper implements DisposableBean, ApplicationListener<ApplicationFailedEvent> {
        private final EmbeddedPostgres postgres;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Stopper(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        @Override
        public void destroy() {
            stop();
        }

        @Override
        public void onApplicationEvent(ApplicationFailedEvent event) {
            stop();
        }

        private void stop() {
            if (stopped.compareAndSet(false, true)) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // Already stopping; nothing left to release.
                }
            }
        }
    }
}
