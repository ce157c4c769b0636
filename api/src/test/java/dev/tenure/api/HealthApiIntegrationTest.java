package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health reports over REST and on the health page: JSON and CSV, bad parameters named, and a CSM kept
 * to their own accounts. Each test's accounts belong to a CSM of their own, so other tests' accounts stay out.
 */
class HealthApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private final String csm = "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Test
    void the_churn_report_counts_each_band_and_answers_csv_too() {
        String poor = account();
        score(poor, 30, "POOR", "2026-01-10T00:00:00Z");
        cancel(poor, "2026-02-19T00:00:00Z");
        String good = account();
        score(good, 85, "GOOD", "2026-01-20T00:00:00Z");

        JsonNode report = get("/api/health/churn-report?from=2026-02-01&to=2026-03-01&csm=" + csm);

        assertThat(report.path("from").asText()).isEqualTo("2026-02-01");
        JsonNode poorRow = report.path("bands").get(2);
        assertThat(poorRow.path("band").asText()).isEqualTo("POOR");
        assertThat(poorRow.path("accounts").asInt()).isEqualTo(1);
        assertThat(poorRow.path("cancelled").asInt()).isEqualTo(1);
        assertThat(poorRow.path("medianLeadDays").asDouble()).isEqualTo(40.0);
        assertThat(report.path("bands").get(0).path("accounts").asInt()).isEqualTo(1);
        assertThat(report.path("separation").path("verdict").asText()).isEqualTo("TOO_FEW_TO_TELL");

        ResponseEntity<String> csv = http.getForEntity("/api/health/churn-report?month=2026-02&csm=" + csm + "&format=csv",
                String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"churn-report-2026-02-01-2026-03-01.csv\"");
        assertThat(csv.getBody().split("\r\n")).containsExactly(
                "from,to,band,accounts,cancelled,contracted,cancelled_or_contracted,cancelled_rate,contracted_rate,rate,median_lead_days,separation",
                "2026-02-01,2026-03-01,GOOD,1,0,0,0,0.0000,0.0000,0.0000,,TOO_FEW_TO_TELL",
                "2026-02-01,2026-03-01,AVERAGE,0,0,0,0,0.0000,0.0000,0.0000,,TOO_FEW_TO_TELL",
                "2026-02-01,2026-03-01,POOR,1,1,0,1,1.0000,0.0000,1.0000,40.0,TOO_FEW_TO_TELL",
                "2026-02-01,2026-03-01,UNSCORED,0,0,0,0,0.0000,0.0000,0.0000,,TOO_FEW_TO_TELL");
    }

    @Test
    void bad_parameters_get_a_problem_naming_the_parameter() {
        assertBad("/api/health/churn-report?from=2026-13-01&to=2026-03-01", "from");
        assertBad("/api/health/churn-report?from=2026-03-01&to=2026-02-01", "to");
        assertBad("/api/health/churn-report?month=March", "month");
        assertBad("/api/health/churn-report?from=-4800-01-01&to=2026-01-01", "from");
        assertBad("/api/health/churn-report?month=2026-03&leadDays=-3", "leadDays");
        assertBad("/api/health/distribution?asOf=yesterday", "asOf");
        assertBad("/api/health/distribution?segment=HIGH_TUCH", "segment");
        assertBad("/api/health/distribution?format=xlsx", "format");
    }

    @Test
    void an_account_shows_its_health_now_with_shares_history_and_trend() throws Exception {
        String id = account();
        Instant now = TestClock.now();
        score(id, 60, "AVERAGE", now.minusSeconds(40L * 86_400).toString());
        score(id, 72, "GOOD", now.minusSeconds(60).toString());

        JsonNode health = get("/api/accounts/" + id + "/health");

        assertThat(health.path("now").path("score").asInt()).isEqualTo(72);
        assertThat(health.path("now").path("band").asText()).isEqualTo("GOOD");
        assertThat(health.path("change30d").asInt()).isEqualTo(12);
        assertThat(health.path("change90d").isNull()).isTrue();
        assertThat(health.path("history")).hasSize(2);
        assertThat(health.path("components").get(0).path("share").asDouble()).isEqualTo(48.0 / 72);
        ResponseEntity<String> csv = http.getForEntity("/api/accounts/" + id + "/health?format=csv", String.class);
        JsonNode unscored = get("/api/accounts/" + account() + "/health");
        assertThat(unscored.path("now").isNull()).isTrue();
        assertThat(unscored.path("history")).isEmpty();
        assertThat(http.getForEntity("/api/accounts/no-such-account/health", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String page = mvc.perform(MockMvcRequestBuilders.get("/accounts/" + id).with(PagesIntegrationTest.signedIn(csm)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Share of the score", ">67%<", "id=\"health-change\"", ">+12<", "no score that old");
        assertThat(csv.getBody()).startsWith("account_id,computed_at,score,band,model_version,usage_score,support_score\r\n" + id + ",");
    }

    @Test
    void a_csm_sees_only_figures_over_their_own_accounts() {
        String mine = account();
        score(mine, 30, "POOR", "2026-01-10T00:00:00Z");
        TestRestTemplate asCsm = as(csm, Role.CSM);

        JsonNode own = asCsm.getForObject("/api/health/distribution?asOf=2026-02-01", JsonNode.class);
        ResponseEntity<JsonNode> others = asCsm.getForEntity("/api/health/churn-report?month=2026-02&csm=someone@tenure.test",
                JsonNode.class);
        String other = account("other-" + csm);
        ResponseEntity<JsonNode> otherAccount = asCsm.getForEntity("/api/accounts/" + other + "/health", JsonNode.class);

        assertThat(own.path("csm").asText()).isEqualTo(csm);
        assertThat(own.path("all").path("poor").asInt()).isEqualTo(1);
        assertThat(own.path("byCsm").size()).isEqualTo(1);
        assertThat(others.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherAccount.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void the_health_page_draws_both_charts_with_tables_the_verdict_and_csv_links() throws Exception {
        String poor = account();
        score(poor, 30, "POOR", "2026-01-10T00:00:00Z");
        cancel(poor, "2026-02-19T00:00:00Z");

        String html = mvc.perform(MockMvcRequestBuilders.get("/ops/health?month=2026-02&asOf=2026-01-31&csm=" + csm)
                        .with(PagesIntegrationTest.signedIn("ops-health@tenure.test", "CS_OPS")))
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("id=\"churn-chart\"", "id=\"churn-report\"", "id=\"distribution-chart\"",
                "id=\"distribution\"", "data-verdict=\"TOO_FEW_TO_TELL\"", "id=\"nav-health\"",
                "href=\"/ops/health/churn-report.csv?month=2026-02&amp;asOf=2026-01-31&amp;csm=" + csm + "\"");
        assertThat(html).contains("100% (1 of 1)");
        // A month typed into the form replaces the dates it shows.
        String byMonth = mvc.perform(MockMvcRequestBuilders.get("/ops/health?from=2026-01-01&to=2026-04-01&month=2026-02&csm=" + csm)
                        .with(PagesIntegrationTest.signedIn("ops-health@tenure.test", "CS_OPS")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byMonth).contains("<span id=\"churn-from\">2026-02-01</span>").doesNotContain("id=\"problem\"");
        String csv = mvc.perform(MockMvcRequestBuilders.get("/ops/health/distribution.csv?asOf=2026-01-31&csm=" + csm)
                        .with(PagesIntegrationTest.signedIn("ops-health@tenure.test", "CS_OPS")))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv.split("\r\n")).contains("2026-01-31,all,all,0,0,1,0,1");
        int refused = mvc.perform(MockMvcRequestBuilders.get("/ops/health?csm=someone-else@tenure.test")
                .with(PagesIntegrationTest.signedIn(csm, "CSM"))).andReturn().getResponse().getStatus();
        assertThat(refused).isEqualTo(403);
    }

    private void assertBad(String path, String parameter) {
        ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().path("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(answer.getBody().path("detail").asText()).as(path).startsWith(parameter + ": ");
    }

    private String account() {
        return account(csm);
    }

    private String account(String owner) {
        String id = "health-api-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO account (id, name, segment, stage, csm, started_on) VALUES (?, ?, 'LOW_TOUCH', 'VALUE', ?, DATE '2025-01-01')")
                .params(id, "Account " + id, owner).update();
        return id;
    }

    private void score(String accountId, int score, String band, String at) {
        jdbc.sql("""
                        INSERT INTO health_score (account_id, score, band, previous, components, computed_at, model_version)
                        VALUES (?, ?, ?, -1, ?::jsonb, ?, 'test')""")
                .params(accountId, score, band, """
                        [{"name": "usage", "score": 80, "weight": 0.6, "reason": "steady"},
                         {"name": "support", "score": 60, "weight": 0.4, "reason": "one P2 open"}]""",
                        Timestamp.from(Instant.parse(at))).update();
    }

    private void cancel(String accountId, String at) {
        jdbc.sql("""
                        INSERT INTO signal (source, external_id, account_id, kind, occurred_at, payload)
                        VALUES ('test', ?, ?, 'billing', ?, '{"event": "SUBSCRIPTION_CANCELLED"}'::jsonb)""")
                .params(UUID.randomUUID().toString(), accountId, Timestamp.from(Instant.parse(at))).update();
    }
}
