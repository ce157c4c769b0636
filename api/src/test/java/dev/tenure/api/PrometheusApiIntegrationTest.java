package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes with a CS ops or admin token: the sources', evaluations', plays', steps', emails' and
 * guardrails' meters, moving as signals come in and plays run. The Grafana dashboard in ops/grafana is
 * built on these names.
 */
class PrometheusApiIntegrationTest extends ApiIntegrationTest {

    @Test
    void the_prometheus_endpoint_needs_a_cs_ops_or_admin_token() {
        assertThat(anonymous.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("csm.scrape@tenure.test", Role.CSM).getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("ops.scrape@tenure.test", Role.CS_OPS).getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void a_detractor_and_a_failed_payment_move_the_source_evaluation_play_step_email_and_guardrail_meters() throws IOException {
        TestData detractor = TestData.account("Scraped Detractor", Segment.HIGH_TOUCH);
        TestData failedPayment = TestData.account("Scraped Card", Segment.TECH_TOUCH).contact(ContactRole.BILLING);
        intake.accept(detractor.batch());
        intake.accept(failedPayment.batch());
        double tasksDone = value("tenure_steps_total", "type=\"task\"", "outcome=\"done\"");
        double emailsSent = value("tenure_emails_total", "outcome=\"sent\"");
        double detractorPlays = value("tenure_plays_started_total", "play=\"nps-detractor\"");
        double webhookNps = value("tenure_source_records_total", "source=\"webhook\"", "kind=\"nps\"", "outcome=\"accepted\"");
        double evaluations = value("tenure_evaluations_seconds_count");

        ResponseEntity<JsonNode> nps = post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 3, "contactEmail": "champion@%s.test"}"""
                .formatted(detractor.id(), detractor.id(), TestClock.now(), detractor.id()));
        ResponseEntity<JsonNode> billing = post("/api/webhooks/billing", """
                {"eventId": "pay-%s", "accountId": "%s", "occurredAt": "%s", "event": "PAYMENT_FAILED", "amount": 420.00}"""
                .formatted(failedPayment.id(), failedPayment.id(), TestClock.now().minus(Duration.ofDays(8))));
        assertThat(nps.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(billing.getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(value("tenure_source_records_total", "source=\"webhook\"", "kind=\"nps\"", "outcome=\"accepted\""))
                    .isGreaterThanOrEqualTo(webhookNps + 1);
            assertThat(value("tenure_evaluations_seconds_count")).isGreaterThanOrEqualTo(evaluations + 2);
            assertThat(value("tenure_plays_started_total", "play=\"nps-detractor\"")).isGreaterThanOrEqualTo(detractorPlays + 1);
            assertThat(value("tenure_steps_total", "type=\"task\"", "outcome=\"done\"")).isGreaterThanOrEqualTo(tasksDone + 1);
            assertThat(value("tenure_emails_total", "outcome=\"sent\"")).isGreaterThanOrEqualTo(emailsSent + 1);
        });
        String scraped = scrape();
        assertThat(scraped).contains("tenure_steps_lateness_seconds_bucket", "tenure_evaluations_accounts_total",
                "tenure_guardrails_sent_today", "tenure_guardrails_suppressed_total", "tenure_guardrails_deferred_total",
                "tenure_cadences_occurrences_total", "http_server_requests_seconds_bucket", "hikaricp_connections_active");
        assertThat(dashboardMetrics()).as("every series the Grafana dashboard reads is scraped").isNotEmpty()
                .allSatisfy(metric -> assertThat(scraped).contains("\n" + metric));
    }

    /** The metric names ops/grafana/tenure.json queries. */
    private static Set<String> dashboardMetrics() throws IOException {
        String dashboard = Files.readString(Path.of("../ops/grafana/tenure.json"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(tenure_[a-z_]+|http_server_requests_seconds_[a-z]+|hikaricp_[a-z_]+|jvm_[a-z_]+)\\b")
                .matcher(dashboard);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String scrape() {
        ResponseEntity<String> response = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The sum of the samples of this metric whose labels include all of these; 0 when there is none yet. */
    private double value(String metric, String... labels) {
        List<String> wanted = Arrays.asList(labels);
        return scrape().lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> wanted.stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
