package dev.tenure.api.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.TenureApplication;
import dev.tenure.engine.testing.TestClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While PostgreSQL is down, a webhook is answered 503 with {@code Retry-After} and a problem body within the
 * bounded wait for a connection, and the node leaves the load balancer (readiness DOWN); once PostgreSQL is
 * back, the same request is taken and the node is ready again. An SMTP server and Kafka brokers that cannot be
 * reached show on {@code /actuator/health} (its {@code mail} and {@code kafka}) and never on readiness.
 * <p>
 * The application runs on a PostgreSQL of its own, which the test stops and starts again: the JVM's shared
 * one serves every other test and must never stop.
 */
class DatabaseOutageIntegrationTest {

    private static final String SECRET = "test-source-secret";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private EmbeddedPostgres postgres;

    @AfterEach
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void webhooks_get_503_with_retry_after_while_postgresql_is_down_and_are_taken_again_once_it_is_back(@TempDir Path dataDir)
            throws Exception {
        int databasePort = freePort();
        postgres = startDatabase(dataDir, databasePort);
        try (ConfigurableApplicationContext app = start(databasePort, freePort(), freePort())) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String account = """
                    {"id": "outage-1", "name": "Outage Ltd", "segment": "LOW_TOUCH", "csm": "csm@tenure.test"}""";
            assertThat(post(base, "accounts", account).statusCode()).isEqualTo(200);

            HealthEndpoint health = app.getBean(HealthEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> health.healthForPath("kafka").getStatus().equals(Status.DOWN));
            assertThat(health.healthForPath("mail").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.healthForPath("sources").getStatus()).isEqualTo(Status.UP);
            assertThat(get(base, "/actuator/health").statusCode()).as("SMTP and Kafka are unreachable: the whole is DOWN").isEqualTo(503);
            assertThat(get(base, "/actuator/health/readiness").statusCode()).as("and still ready for webhooks").isEqualTo(200);

            postgres.close();
            postgres = null;
            String usage = """
                    {"eventId": "outage-usage-1", "accountId": "outage-1", "occurredAt": "%s", "feature": "core"}"""
                    .formatted(TestClock.now());
            long before = System.nanoTime();
            HttpResponse<String> refused = post(base, "usage", usage);
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(took).as("within the connection wait of 1s, with room for a busy machine").isLessThan(Duration.ofSeconds(8));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("title").asText()).isEqualTo("Database unavailable");
            assertThat(problem.path("detail").asText()).contains("after 7 seconds");
            assertThat(problem.path("retryAfterSeconds").asInt()).isEqualTo(7);
            assertThat(get(base, "/actuator/health/readiness").statusCode()).as("out of the load balancer").isEqualTo(503);
            assertThat(get(base, "/actuator/health/liveness").statusCode()).as("but not to be restarted").isEqualTo(200);

            postgres = startDatabase(dataDir, databasePort);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(base, "/actuator/health/readiness").statusCode() == 200);
            HttpResponse<String> taken = post(base, "usage", usage);
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
            assertThat(json.readTree(taken.body()).path("accepted").asInt()).isEqualTo(1);
        }
    }

    private static EmbeddedPostgres startDatabase(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static ConfigurableApplicationContext start(int databasePort, int closedSmtpPort, int closedKafkaPort) {
        return new SpringApplicationBuilder(TenureApplication.class).properties("spring.main.banner-mode=off")
                // Arguments: builder properties are defaults, below the engine's own properties file.
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + closedSmtpPort,
                        "--tenure.kafka.brokers=127.0.0.1:" + closedKafkaPort,
                        "--spring.quartz.scheduler-name=tenure-database-outage-test",
                        "--tenure.database.connection-wait=1s", "--tenure.database.retry-after=7s");
    }

    private HttpResponse<String> post(String base, String kind, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/webhooks/" + kind))
                .header("Content-Type", "application/json").header("X-Tenure-Source-Secret", SECRET)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
