package dev.tenure.api.database;

import dev.tenure.api.TenureApplication;
import dev.tenure.api.people.People;
import dev.tenure.api.people.Role;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With no database configured, Tenure runs on its own PostgreSQL, and a restart keeps the data; the
 * first admin is created from configuration on the first start only. The server takes no connection
 * without the password Tenure made on the first start and keeps in the data folder, readable by its
 * owner only; a folder from before there was a password is given one.
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

    @Test
    void every_connection_needs_the_password_made_on_the_first_start_and_kept_in_the_data_folder(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path kept = dataDir.resolve("tenure-password");

        String password;
        try (ConfigurableApplicationContext first = start(dataDir, port, "first-admin-password")) {
            password = Files.readString(kept).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
            assertThat(first.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(password);
            assertThat(first.getEnvironment().getProperty("spring.datasource.url")).doesNotContain(password);

            assertRefused(port, null);
            assertRefused(port, "postgres");
            assertRefused(port, password + "x");
            assertThat(authenticationOfEveryRule(port, password)).as("the socket's rules too").contains("local scram-sha-256")
                    .allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
        }
        try (ConfigurableApplicationContext second = start(dataDir, port, "first-admin-password")) {
            assertThat(Files.readString(kept).strip()).as("the same password, read again").isEqualTo(password);
            assertThat(second.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(password);
            assertRefused(port, "postgres");
        }

        Files.delete(kept);
        assertThatThrownBy(() -> start(dataDir, port, "first-admin-password"))
                .hasStackTraceContaining("the file that kept it, " + kept + ", is gone: put it back");
    }

    @Test
    void a_data_folder_from_before_passwords_is_given_one_at_start_and_keeps_its_data(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        // What earlier versions made: Zonky's defaults, every local connection trusted as superuser.
        try (EmbeddedPostgres before = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
             Connection connection = before.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA earlier; CREATE TABLE earlier.kept (what text); INSERT INTO earlier.kept VALUES ('still here')");
        }
        assertThat(dataDir.resolve("tenure-password")).doesNotExist();

        try (ConfigurableApplicationContext after = start(dataDir, port, "first-admin-password")) {
            String password = Files.readString(dataDir.resolve("tenure-password")).strip();
            assertThat(after.getBean(JdbcClient.class).sql("SELECT what FROM earlier.kept").query(String.class).single())
                    .isEqualTo("still here");
            assertRefused(port, null);
            assertRefused(port, "postgres");
            assertThat(authenticationOfEveryRule(port, password)).contains("local scram-sha-256")
                    .allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
        }
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> connect(port, password).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }

    /** Each rule of pg_hba.conf as the server reads it: its type and how it authenticates. */
    private static List<String> authenticationOfEveryRule(int port, String password) throws SQLException {
        try (Connection connection = connect(port, password);
             Statement statement = connection.createStatement();
             var rules = statement.executeQuery("SELECT type, auth_method FROM pg_hba_file_rules")) {
            List<String> found = new ArrayList<>();
            while (rules.next()) {
                found.add(rules.getString(1) + " " + rules.getString(2));
            }
            return found;
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        if (password != null) {
            login.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", login);
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
