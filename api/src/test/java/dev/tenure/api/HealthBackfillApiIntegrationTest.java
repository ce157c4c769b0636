package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CS ops backfill health over an imported past through the API: queued with an id, its progress read back,
 * and the churn report then has scores to judge by.
 */
class HealthBackfillApiIntegrationTest extends ApiIntegrationTest {

    /**
     * The imported past lies years back, so the scores the backfill writes for every other test's accounts in the
     * shared database are older than anything those tests look at.
     */
    @Test
    void cs_ops_backfill_an_imported_past_and_the_churn_report_then_scores_it() {
        String csm = "backfill-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData steady = TestData.account("Backfilled Bakery", Segment.LOW_TOUCH).csm(csm).startedDaysAgo(4000)
                .usage("core", 3000, 2976, 30);
        TestData leaving = TestData.account("Backfilled Brewery", Segment.LOW_TOUCH).csm(csm).startedDaysAgo(4000)
                .usage("core", 3000, 2990, 30).billing(BillingEvent.SUBSCRIPTION_CANCELLED, 2980);
        intake.accept(steady.batch());
        intake.accept(leaving.batch());
        LocalDate today = TestClock.today();
        String churnReport = "/api/health/churn-report?from=" + today.minusDays(2985) + "&to=" + today.minusDays(2975)
                + "&csm=" + csm;
        assertThat(unscored(get(churnReport))).isEqualTo(2);

        ResponseEntity<JsonNode> queued = post(as("ops-backfill@tenure.test", Role.CS_OPS), "/api/health/backfill",
                "{\"from\": \"%s\", \"to\": \"%s\"}".formatted(today.minusDays(3000), today.minusDays(2975)));

        assertThat(queued.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = queued.getBody().path("id").asText();
        assertThat(queued.getHeaders().getLocation()).hasToString("/api/health/backfill/" + id);
        assertThat(queued.getBody().path("reason").asText()).isEqualTo("requested by ops-backfill@tenure.test");
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/health/backfill/" + id),
                job -> !job.path("status").asText().matches("QUEUED|RUNNING"));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("progress").path("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.path("result").path("days").asInt()).isEqualTo(25);
        assertThat(done.path("result").path("written").asInt()).isGreaterThanOrEqualTo(25 + 21);
        JsonNode report = get(churnReport);
        assertThat(unscored(report)).isZero();
        int cancelled = 0;
        for (JsonNode band : report.path("bands")) {
            cancelled += band.path("cancelled").asInt();
        }
        assertThat(cancelled).isEqualTo(1);
        assertThat(items("/api/health/backfill")).anySatisfy(job -> assertThat(job.path("id").asText()).isEqualTo(id));
    }

    @Test
    void a_csm_may_not_backfill_and_bad_periods_are_named() {
        ResponseEntity<JsonNode> csm = post(as("csm-backfill@tenure.test", Role.CSM), "/api/health/backfill",
                "{\"from\": \"2026-01-01\", \"to\": \"2026-02-01\"}");
        assertThat(csm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertBad("{\"to\": \"2026-02-01\"}", "from");
        assertBad("{\"from\": \"2026-13-01\", \"to\": \"2026-02-01\"}", "from");
        assertBad("{\"from\": \"2026-02-01\", \"to\": \"2026-01-01\"}", "to");
        assertBad("{\"from\": \"2000-01-01\", \"to\": \"2026-01-01\"}", "to");
        assertBad("{\"from\": \"2099-01-01\", \"to\": \"2099-02-01\"}", "from");
        assertThat(http.getForEntity("/api/health/backfill/no-such-job", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private void assertBad(String body, String parameter) {
        ResponseEntity<JsonNode> answer = post("/api/health/backfill", body);
        assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().path("parameter").asText()).as(body).isEqualTo(parameter);
        assertThat(answer.getBody().path("detail").asText()).as(body).startsWith(parameter + ": ");
    }

    private static int unscored(JsonNode report) {
        for (JsonNode band : report.path("bands")) {
            if (band.path("band").asText().equals("UNSCORED")) {
                return band.path("accounts").asInt();
            }
        }
        throw new AssertionError("no UNSCORED band in " + report);
    }
}
