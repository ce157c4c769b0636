package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CS ops change the rules over REST: upload a rule set, see it refused with its errors, roll back. */
class RuleSetApiIntegrationTest extends ApiIntegrationTest {

    static final String NPS_RULE = "churn/nps-detractor.drl";

    @Autowired
    ObjectMapper json;

    String starter;

    @BeforeEach
    void theStarterRulesAreActive() {
        starter = get("/api/rules").path("version").asText();
    }

    /** The other API tests share this application and expect the starter rules. */
    @AfterEach
    void backToTheStarterRules() {
        as("cleanup", "/api/rules/versions/" + starter + "/activate", null);
    }

    /** A POST signed in as {@code who} (CS ops), or as nobody when {@code who} is null. */
    ResponseEntity<JsonNode> as(String who, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate caller = who == null ? anonymous : as(who, Role.CS_OPS);
        try {
            String text = body == null ? "" : json.writeValueAsString(body);
            return caller.postForEntity(path, new HttpEntity<>(text, headers), JsonNode.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> starterFiles() {
        Map<String, String> files = new HashMap<>();
        get("/api/rules/versions/" + starter).path("files").fields()
                .forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
        return files;
    }

    Map<String, Object> upload(Map<String, String> files) {
        return Map.of("files", files);
    }

    Map<String, String> variant(String note) {
        Map<String, String> files = starterFiles();
        files.put(NPS_RULE, files.get(NPS_RULE) + "\n// " + note + "\n");
        return files;
    }

    @Test
    void the_status_names_the_active_version_how_it_came_in_and_its_rules() {
        JsonNode status = get("/api/rules");

        assertThat(status.path("version").asText()).hasSize(12);
        assertThat(status.path("activation").path("origin").asText()).isIn("folder", "rollback");
        assertThat(status.path("rules").findValuesAsText("name")).contains("An NPS detractor answered (4 or below): call them back");
        assertThat(status.path("plays").findValuesAsText("id")).contains("nps-detractor");
    }

    @Test
    void an_uploaded_rule_set_goes_live_and_is_listed_first_with_who_uploaded_it() {
        ResponseEntity<JsonNode> response = as("dana@cs.example", "/api/rules/versions", upload(variant("api upload")));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String version = response.getBody().path("version").asText();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/rules/versions/" + version);
        assertThat(response.getBody().path("outcome").asText()).isEqualTo("ACTIVATED");
        assertThat(response.getBody().path("previousVersion").asText()).isEqualTo(starter);
        assertThat(response.getBody().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(version);
        assertThat(get("/api/rules").path("activation").path("who").asText()).isEqualTo("dana@cs.example");

        JsonNode newest = get("/api/rules/versions").path("items").get(0);
        assertThat(newest.path("version").asText()).isEqualTo(version);
        assertThat(newest.path("origin").asText()).isEqualTo("upload");
        assertThat(newest.path("who").asText()).isEqualTo("dana@cs.example");
        JsonNode detail = get("/api/rules/versions/" + version);
        assertThat(detail.path("files").path(NPS_RULE).asText()).endsWith("// api upload\n");
        assertThat(detail.path("history").get(0).path("outcome").asText()).isEqualTo("ACTIVATED");
        assertThat(get("/api/rules/versions/" + starter).path("status").asText()).isEqualTo("RETIRED");
    }

    @Test
    void a_health_model_whose_weights_do_not_add_up_is_refused_at_its_line_and_a_tuned_one_scores_at_once() {
        Map<String, String> files = starterFiles();
        String health = files.get("health.yml");
        files.put("health.yml", health.replace("    weight: 55\n", "    weight: 60\n"));

        ResponseEntity<JsonNode> refused = as("dana@cs.example", "/api/rules/versions", upload(files));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode error = refused.getBody().path("errors").get(0);
        assertThat(error.path("file").asText()).isEqualTo("health.yml");
        assertThat(error.path("line").asInt()).isEqualTo(lineOf(health, "components:"));
        assertThat(error.path("message").asText()).isEqualTo(
                "components: the weights add up to 105; they must add up to 1 (fractions) or 100 (percentages)");
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(starter);

        files.put("health.yml", health.replace("  good: 70", "  good: 101"));
        ResponseEntity<JsonNode> outOfRange = as("dana@cs.example", "/api/rules/versions", upload(files));
        assertThat(outOfRange.getBody().path("errors").get(0).path("message").asText())
                .isEqualTo("bands.good: 101 is out of range; it must be from 0 to 100");

        // Tuned: an account that never answered NPS counts 60 for sentiment instead of 70.
        files.put("health.yml", health.replace("noAnswerScore: 70", "noAnswerScore: 60"));
        ResponseEntity<JsonNode> tuned = as("dana@cs.example", "/api/rules/versions", upload(files));
        assertThat(tuned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // Two months of steady use: enough for a usual week to compare with, so usage scores 100.
        TestData account = TestData.account("Tuned Health", Segment.LOW_TOUCH).usage("core", 60, 0, 100);
        intake.accept(account.batch());
        JsonNode scored = get("/api/accounts/" + account.id() + "/health").path("now");
        // usage 100 * 0.55 + support 100 * 0.15 + billing 100 * 0.1 + sentiment 60 * 0.1 + a champion 50 * 0.1 = 91.
        assertThat(scored.path("score").asInt()).isEqualTo(91);
        assertThat(scored.path("modelVersion").asText()).isEqualTo(tuned.getBody().path("version").asText());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }

    /** Each file within what a rule set's file may hold, together more than a request may carry (4MB in tests). */
    @Test
    void an_upload_larger_than_a_request_may_be_is_refused_before_it_is_read_and_nothing_is_stored() {
        long versions = get("/api/rules/versions").path("total").asLong();
        Map<String, String> files = variant("padded");
        for (int i = 1; i <= 5; i++) {
            files.put("templates/padding-" + i + ".html", "<p>" + "x".repeat(999_000) + "</p>");
        }

        ResponseEntity<JsonNode> response = as("dana@cs.example", "/api/rules/versions", upload(files));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getBody().path("detail").asText()).isEqualTo("a request body may be at most 4194304 bytes"
                + " (tenure.api.max-body); each file of a rule set holds at most 1000000 characters");
        assertThat(get("/api/rules/versions").path("total").asLong()).isEqualTo(versions);
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(starter);
    }

    @Test
    void a_broken_upload_gets_422_with_each_error_and_the_running_rules_stay() {
        Map<String, String> files = starterFiles();
        files.put(NPS_RULE, files.get(NPS_RULE).replace("score <= 4", "score <= "));

        ResponseEntity<JsonNode> response = as("dana@cs.example", "/api/rules/versions", upload(files));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode error = response.getBody().path("errors").get(0);
        assertThat(error.path("file").asText()).isEqualTo(NPS_RULE);
        assertThat(error.path("line").asInt()).isEqualTo(13);
        assertThat(error.has("column")).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.getBody().path("activeVersion").asText()).isEqualTo(starter);
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(starter);
        JsonNode rejected = get("/api/rules/versions/" + response.getBody().path("version").asText());
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("errors").get(0).path("file").asText()).isEqualTo(NPS_RULE);
    }

    @Test
    void changing_the_rules_without_signing_in_is_refused_and_a_csm_may_not_either() {
        long versions = get("/api/rules/versions").path("total").asLong();

        ResponseEntity<JsonNode> upload = as(null, "/api/rules/versions", upload(variant("anonymous")));
        ResponseEntity<JsonNode> activate = as(null, "/api/rules/versions/" + starter + "/activate", null);
        ResponseEntity<JsonNode> byCsm = post(as("csm.rules@tenure.test", Role.CSM), "/api/rules/versions/" + starter + "/activate", "");

        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upload.getBody().path("detail").asText()).contains("Bearer");
        assertThat(activate.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(byCsm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/rules/versions").path("total").asLong()).isEqualTo(versions);
    }

    @Test
    void an_upload_with_a_file_outside_the_rules_folder_is_refused_naming_the_file() {
        Map<String, String> files = starterFiles();
        files.put("/etc/cron.d/evil.drl", "rule \"x\" when then end");

        ResponseEntity<JsonNode> response = as("dana@cs.example", "/api/rules/versions", upload(files));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("detail").asText()).contains("files[\"/etc/cron.d/evil.drl\"]: the path must be relative");
        assertThat(as("dana@cs.example", "/api/rules/versions", Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void an_upload_made_from_a_version_no_longer_in_force_is_refused_with_409_naming_the_one_in_force() {
        String meanwhile = as("lead@cs.example", "/api/rules/versions", upload(variant("made meanwhile"))).getBody()
                .path("version").asText();
        long versions = get("/api/rules/versions").path("total").asLong();

        ResponseEntity<JsonNode> stale = as("dana@cs.example", "/api/rules/versions",
                Map.of("files", variant("made from the starter"), "replaces", starter));
        ResponseEntity<JsonNode> unbounded = as("dana@cs.example", "/api/rules/versions",
                Map.of("files", variant("made from the starter"), "replaces", "x".repeat(50_000)));

        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stale.getBody().path("replaces").asText()).isEqualTo(starter);
        assertThat(stale.getBody().path("activeVersion").asText()).isEqualTo(meanwhile);
        assertThat(stale.getBody().path("detail").asText()).contains(meanwhile + " (upload by lead@cs.example", "nothing was changed");
        assertThat(unbounded.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unbounded.getBody().path("detail").asText()).startsWith("replaces: ").hasSizeLessThan(500);
        // A version never stored was never in force: told as the field's mistake, not as a change made meanwhile.
        for (String never : List.of("", " " + meanwhile + " ", "0000nosuch00")) {
            ResponseEntity<JsonNode> unknown = as("dana@cs.example", "/api/rules/versions",
                    Map.of("files", variant("made from the starter"), "replaces", never));
            assertThat(unknown.getStatusCode()).as("'%s'", never).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(unknown.getBody().path("detail").asText()).isEqualTo("replaces: no rule set '" + never
                    + "' is stored; name the version in force the change was made from, or leave replaces out");
        }
        assertThat(get("/api/rules/versions").path("total").asLong()).isEqualTo(versions);
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(meanwhile);

        ResponseEntity<JsonNode> onTop = as("dana@cs.example", "/api/rules/versions",
                Map.of("files", variant("made from the one in force"), "replaces", meanwhile));
        assertThat(onTop.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String latest = onTop.getBody().path("version").asText();
        ResponseEntity<JsonNode> staleRollback = as("dana@cs.example", "/api/rules/versions/" + starter + "/activate?replaces=" + meanwhile, null);
        assertThat(staleRollback.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(staleRollback.getBody().path("activeVersion").asText()).isEqualTo(latest);
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(latest);
    }

    @Test
    void uploading_the_rule_set_already_in_force_changes_nothing() {
        long versions = get("/api/rules/versions").path("total").asLong();

        ResponseEntity<JsonNode> response = as("dana@cs.example", "/api/rules/versions", upload(starterFiles()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(response.getBody().path("version").asText()).isEqualTo(starter);
        assertThat(get("/api/rules/versions").path("total").asLong()).isEqualTo(versions);
    }

    @Test
    void a_rollback_puts_an_earlier_version_back_in_force() {
        String uploaded = as("dana@cs.example", "/api/rules/versions", upload(variant("to be rolled back"))).getBody()
                .path("version").asText();

        ResponseEntity<JsonNode> rollback = as("lee@cs.example", "/api/rules/versions/" + starter + "/activate", null);

        assertThat(rollback.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rollback.getBody().path("outcome").asText()).isEqualTo("ACTIVATED");
        assertThat(rollback.getBody().path("origin").asText()).isEqualTo("rollback");
        assertThat(rollback.getBody().path("who").asText()).isEqualTo("lee@cs.example");
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(starter);
        assertThat(get("/api/rules/versions/" + uploaded).path("status").asText()).isEqualTo("RETIRED");
    }

    @Test
    void activating_an_unknown_version_is_404_and_one_that_fails_now_is_422() {
        Map<String, String> files = starterFiles();
        files.put("churn/half.drl", "rule \"half written\" when then");
        String rejected = as("dana@cs.example", "/api/rules/versions", upload(files)).getBody().path("version").asText();

        ResponseEntity<JsonNode> unknown = as("lee@cs.example", "/api/rules/versions/0000nosuch00/activate", null);
        ResponseEntity<JsonNode> failing = as("lee@cs.example", "/api/rules/versions/" + rejected + "/activate", null);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("detail").asText()).contains("0000nosuch00");
        assertThat(get("/api/rules/versions/0000nosuch00").path("status").asInt()).isEqualTo(404);
        assertThat(failing.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(failing.getBody().path("errors").findValuesAsText("file")).contains("churn/half.drl");
        assertThat(get("/api/rules").path("version").asText()).isEqualTo(starter);
    }
}
