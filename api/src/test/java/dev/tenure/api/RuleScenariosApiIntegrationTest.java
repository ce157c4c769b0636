package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario tests and dry runs over REST, against the rule set in force; nothing is stored. */
class RuleScenariosApiIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    ResponseEntity<JsonNode> postYaml(String path, String yaml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return http.postForEntity(path, new HttpEntity<>(yaml, headers), JsonNode.class);
    }

    static String usageFell(String accountId, int recentDaily, String expect) {
        return """
                - scenario: Core usage fell to %2$d a day
                  account: { id: %1$s, segment: HIGH_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                  signals:
                    - usage: { feature: core, from: -56d, to: -29d, daily: 100 }
                    - usage: { feature: core, from: -28d, to: now, daily: %2$d }
                  expect: %3$s
                """.formatted(accountId, recentDaily, expect);
    }

    int rowsAbout(String accountId) {
        return jdbc.sql("SELECT (SELECT count(*) FROM account WHERE id = :id) + (SELECT count(*) FROM play_run WHERE account_id = :id)"
                + " + (SELECT count(*) FROM all_signals WHERE account_id = :id)").param("id", accountId).query(Integer.class).single();
    }

    @Test
    void without_a_body_the_scenarios_of_the_rule_set_in_force_run_and_pass() {
        ResponseEntity<JsonNode> response = http.postForEntity("/api/rules/test", null, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = response.getBody();
        assertThat(report.path("passed").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(report.path("ruleSetVersion").asText()).isEqualTo(get("/api/rules").path("version").asText());
        assertThat(report.path("scenarios").asInt()).isGreaterThan(20);
        assertThat(report.path("results").get(0).path("file").asText()).isEqualTo("tests/churn.yml");
    }

    @Test
    void posted_scenarios_run_against_the_rule_set_in_force_and_a_failure_reads_expected_versus_actual() {
        String id = "posted-" + UUID.randomUUID();

        JsonNode report = postYaml("/api/rules/test", usageFell(id, 40, "{ plays: [ save-usage-drop ] }")
                + usageFell(id, 70, "{ plays: [ save-usage-drop ] }")).getBody();

        assertThat(report.path("passed").asBoolean()).isFalse();
        assertThat(report.path("passedCount").asInt()).isEqualTo(1);
        JsonNode failed = report.path("results").get(1);
        assertThat(failed.path("scenario").asText()).isEqualTo("Core usage fell to 70 a day");
        assertThat(failed.path("file").asText()).isEqualTo("body");
        assertThat(failed.path("line").asInt()).isEqualTo(7);
        assertThat(failed.path("failures").get(0).asText())
                .startsWith("expected plays [save-usage-drop] but started [] — rules that fired: none; ")
                .contains("sustainedChangePct was -30.0");
        assertThat(rowsAbout(id)).isZero();
    }

    @Test
    void yaml_that_does_not_parse_is_refused_with_its_line() {
        ResponseEntity<JsonNode> response = postYaml("/api/rules/test", """
                - scenario: Broken
                  account: { segment: HIGH_TOUCH, stage: VALUE
                  expect: { plays: [] }
                """);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("detail").asText()).startsWith("body:3: not valid YAML");
        assertThat(response.getBody().path("errors").get(0).path("line").asInt()).isEqualTo(3);
    }

    @Test
    void an_unknown_segment_or_play_is_refused_with_its_line_and_field() {
        ResponseEntity<JsonNode> response = postYaml("/api/rules/test", """
                - scenario: Typos
                  account: { segment: HIGH_TOUCHY, stage: VALUE }
                  expect: { plays: [ save-usage-dorp ] }
                """);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = response.getBody().path("errors");
        assertThat(errors.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(errors.get(0).path("message").asText()).startsWith("account: segment: 'HIGH_TOUCHY' is not one of HIGH_TOUCH");
        assertThat(errors.get(1).path("line").asInt()).isEqualTo(3);
        assertThat(errors.get(1).path("message").asText()).startsWith("expect: plays: play 'save-usage-dorp' is not in rules/plays/");
    }

    @Test
    void a_dry_run_shows_the_rules_that_fired_with_their_facts_and_the_plays_that_would_start_and_stores_nothing() {
        String id = "dry-run-" + UUID.randomUUID();

        ResponseEntity<JsonNode> response = postYaml("/api/rules/dry-run", """
                scenario: What would happen to this account today?
                account: { id: %s, segment: HIGH_TOUCH, stage: VALUE, startedOn: -410d, renewalOn: +200d }
                contacts: [ { role: CHAMPION } ]
                signals:
                  - usage: { feature: core, from: -56d, to: -29d, daily: 100 }
                  - usage: { feature: core, from: -28d, to: now, daily: 40 }
                  - nps: { at: -1d, score: 5, comment: "Too slow" }
                """.formatted(id));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode dryRun = response.getBody();
        assertThat(dryRun.path("playsToStart").findValuesAsText("play")).containsExactlyInAnyOrder("save-usage-drop", "nps-detractor");
        JsonNode usageRule = dryRun.path("firedRules").findParents("rule").stream()
                .filter(r -> r.path("rule").asText().equals("Core usage dropped and stayed down (high touch): save play for the CSM"))
                .findFirst().orElseThrow();
        assertThat(usageRule.path("matchedFacts").path("usageTrend").path("usualWeekly").asDouble()).isEqualTo(700.0);
        assertThat(usageRule.path("matchedFacts").path("usageTrend").path("last7Days").asLong()).isEqualTo(280);
        assertThat(usageRule.path("matchedFacts").path("account").path("id").asText()).isEqualTo(id);
        // usage 25 x 0.55 + support 15 + billing 10 + NPS 5: 5 + a champion: 5 = 48.75: a 60% fall for four weeks is POOR.
        assertThat(dryRun.path("health").path("band").asText()).isEqualTo("POOR");
        assertThat(dryRun.path("facts").path("lastNps").asInt()).isEqualTo(5);
        assertThat(dryRun.path("failures").isEmpty()).isTrue();
        assertThat(rowsAbout(id)).isZero();
    }

    @Test
    void a_body_with_a_great_many_problems_gets_a_short_answer_that_counts_them_and_lists_the_first() {
        // Some 200 KB of unknown fields: every one is a problem of its own, each message longer than the field.
        StringBuilder yaml = new StringBuilder("- { scenario: Many, account: { segment: LOW_TOUCH, stage: VALUE }, expect: { plays: [] }");
        int unknown = 20_000;
        for (int i = 0; i < unknown; i++) {
            yaml.append(", k").append(i).append(": 1");
        }
        yaml.append(" }\n");

        ResponseEntity<JsonNode> response = postYaml("/api/rules/test", yaml.toString());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = response.getBody();
        assertThat(body.path("errorCount").asInt()).isEqualTo(unknown);
        assertThat(body.path("errors")).hasSize(100);
        assertThat(body.path("errors").get(0).path("message").asText()).startsWith("scenario \"Many\": unknown field 'k0'");
        assertThat(body.path("detail").asText()).startsWith(unknown + " problems; the first: body:1: scenario \"Many\": unknown field 'k0'")
                .hasSizeLessThan(1_000);
    }

    @Test
    void a_dry_run_takes_one_scenario() {
        ResponseEntity<JsonNode> response = postYaml("/api/rules/dry-run", usageFell("a", 40, "{ plays: [] }")
                + usageFell("b", 40, "{ plays: [] }").replace("Core usage fell", "Again"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("detail").asText()).isEqualTo("body:1: a dry run takes one scenario, not 2");
    }

    @Test
    void an_uploaded_rule_set_whose_scenario_fails_is_refused_naming_the_scenario_file_and_line_and_the_rules_stay() {
        String running = get("/api/rules").path("version").asText();
        ObjectNode files = (ObjectNode) get("/api/rules/versions/" + running).path("files");
        String row = "Core usage dropped and stayed down (high touch): save play for the CSM,HIGH_TOUCH,";
        files.put("churn/thresholds.csv", files.path("churn/thresholds.csv").asText().replace(row + "\"35,3\",", row + "\"65,3\","));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<JsonNode> response = http.postForEntity("/api/rules/versions",
                new HttpEntity<>(json.createObjectNode().set("files", files).toString(), headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode first = response.getBody().path("errors").get(0);
        assertThat(first.path("file").asText()).isEqualTo("tests/churn.yml");
        assertThat(first.path("line").asInt()).isEqualTo(11);
        assertThat(first.path("message").asText()).startsWith("scenario \"A high-touch account whose core usage fell 60% "
                + "for four weeks gets a save play for its CSM\" failed: expected plays [save-usage-drop] but started []")
                .contains("sustainedChangePct <= -65", "sustainedChangePct was -60.0");
        assertThat(response.getBody().path("activeVersion").asText()).isEqualTo(running);
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(running);
    }
}
