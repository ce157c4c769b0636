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
 * fresh machine runs Tenure with one command and a restart keeps the data. It takes connections from this
 * machine only, and every one needs the password kept in the data folder ({@link ServerPassword}).
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
        ServerPassword password = password(dataDir);
        ServerPassword.Started started = start(dataDir, port, password);
        EmbeddedPostgres postgres = started.postgres();
        if (started.givenPassword()) {
            log.info("The embedded PostgreSQL in " + dataDir + " let local connections in without a password; "
                    + "from now on every connection needs the one kept in " + password.file());
        }
        log.info("No spring.datasource.url: started an embedded PostgreSQL on port " + port + " with its data in " + dataDir
                + " (user " + ServerPassword.USER + ", password in " + password.file() + ")");
        Stopper stopper = new Stopper(postgres);
        // Registered before any other bean, so it is destroyed after all of them: Quartz, the connection
        // pool and everything else that talks to the database stop while it still runs.
        application.addInitializers(context -> ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("embeddedDatabaseStopper", stopper));
        application.addListeners(stopper);
        environment.getPropertySources().addFirst(new MapPropertySource("tenure-embedded-database", Map.of(
                // Not Zonky's getJdbcUrl: that would carry the password in the URL.
                "spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "spring.datasource.username", ServerPassword.USER,
                "spring.datasource.password", password.value())));
    }

    private static ServerPassword password(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return ServerPassword.of(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded PostgreSQL's password in " + dataDir, e);
        }
    }

    private static ServerPassword.Started start(Path dataDir, int port, ServerPassword password) {
        try {
            return password.start(EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port));
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
