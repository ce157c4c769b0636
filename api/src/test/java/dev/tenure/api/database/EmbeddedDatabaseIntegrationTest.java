package dev.tenure.api.database;

import dev.tenure.api.TenureApplication;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no database configured, Tenure runs on its own PostgreSQL, and a restart keeps the data; the
 * first admin is created from configuration on the first start only.
 */
class EmbeddedDatabaseIntegrationTest {

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path dataDir) throws IOException {
        int port = freePort();
        TestData account = TestData.account("Kept Across Restarts", Segment.LOW_TOUCH);

        try (ConfigurableApplicationContext first = start(dataDir, port, "first-admin-password")) {
            assertThat(first.getEnvironment().getProperty("spring.datasource.url")).contains(":" + port + "/");
            first.getBean(Intake.class).accept(account.batch());
            assertThat(first.getBean(People.class).find("root@tenure.test").orElseThrow().roles()).containsExactly(Role.ADMIN);
        }
        try (ConfigurableApplicationContext second = start(dataDir, port, "changed-in-configuration")) {
            assertThat(second.getBean(Accounts.class).find(account.id())).isPresent();
            People people = second.getBean(People.class);
            assertThat(people.count()).isEqualTo(1);
            assertThat(people.passwordMatches("root@tenure.test", "first-admin-password")).isTrue();
        }
        assertThat(dataDir.resolve("PG_VERSION")).content().startsWith("17");
    }

    private static ConfigurableApplicationContext start(Path dataDir, int port, String adminPassword) {
        return new SpringApplicationBuilder(TenureApplication.class).properties(
                "tenure.test.shared-database=off",
                "tenure.embedded-database.data-dir=" + dataDir,
                "tenure.embedded-database.port=" + port,
                "spring.main.web-application-type=none",
                "spring.main.banner-mode=off")
                // An argument: builder properties are defaults, below the engine's own properties file.
                .run("--spring.quartz.scheduler-name=tenure-embedded-database-test",
                        "--tenure.admin.email=Root@tenure.test", "--tenure.admin.password=" + adminPassword);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
