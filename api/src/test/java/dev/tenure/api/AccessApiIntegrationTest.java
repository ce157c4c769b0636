package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who may call what: bearer tokens, roles, a CSM's own accounts and tasks, webhook sources' secrets. */
class AccessApiIntegrationTest extends ApiIntegrationTest {

    /** An account whose detractor answer put a task in its CSM's inbox; returns the task. */
    JsonNode accountWithTask(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(account.batch());
        String path = "/api/tasks?accountId=" + account.id();
        await().atMost(Duration.ofSeconds(5)).until(() -> items(path).size() == 1);
        return items(path).get(0);
    }

    @Test
    void monitoring_reads_actuator_metrics_with_a_cs_ops_or_admin_token_while_health_stays_public() {
        ResponseEntity<JsonNode> health = anonymous.getForEntity("/actuator/health", JsonNode.class);
        ResponseEntity<JsonNode> nobody = anonymous.getForEntity("/actuator/metrics", JsonNode.class);
        ResponseEntity<JsonNode> csm = as("csm.watching@tenure.test", Role.CSM).getForEntity("/actuator/metrics", JsonNode.class);
        ResponseEntity<JsonNode> admin = http.getForEntity("/actuator/metrics", JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(csm.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void an_api_call_without_a_token_gets_401_with_a_problem_body() {
        ResponseEntity<JsonNode> response = anonymous.getForEntity("/api/accounts", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("detail").asText()).contains("Bearer");
    }

    @Test
    void the_api_docs_are_public_and_say_calls_need_a_bearer_token() {
        ResponseEntity<JsonNode> docs = anonymous.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody().path("components").path("securitySchemes").path("bearer-token").path("scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void an_unknown_token_gets_401() {
        ResponseEntity<JsonNode> response = withToken("tnr_not-a-token").getForEntity("/api/accounts", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody().path("detail").asText()).contains("unknown or revoked");
    }

    @Test
    void an_admin_issues_a_token_which_works_until_it_is_revoked() {
        ensurePerson("ops.issued@tenure.test", Role.CS_OPS);
        ResponseEntity<JsonNode> issued = post("/api/tokens", "{\"name\": \"reporting\", \"owner\": \"ops.issued@tenure.test\"}");
        assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String token = issued.getBody().path("token").asText();
        long id = issued.getBody().path("id").asLong();
        TestRestTemplate reporting = withToken(token);

        assertThat(reporting.getForEntity("/api/rules", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode listed = items("/api/tokens");
        assertThat(listed.toString()).doesNotContain(token).contains("reporting", "ops.issued@tenure.test");

        http.delete("/api/tokens/" + id);

        assertThat(reporting.getForEntity("/api/rules", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(items("/api/tokens").findValues("id").stream().filter(n -> n.asLong() == id).count()).isEqualTo(1);
    }

    @Test
    void only_admins_issue_tokens_and_create_users() {
        TestRestTemplate ops = as("ops.not-admin@tenure.test", Role.CS_OPS);

        assertThat(post(ops, "/api/tokens", "{\"name\": \"mine\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ops.getForEntity("/api/users", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_user_created_with_a_bad_email_is_refused_naming_the_field() {
        ResponseEntity<JsonNode> response = post("/api/users",
                "{\"email\": \"not-an-address\", \"displayName\": \"Pat\", \"password\": \"long-enough-password\", \"roles\": [\"CSM\"]}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("email");
    }

    @Test
    void an_admin_creates_a_csm_who_can_then_change_their_own_password() {
        ResponseEntity<JsonNode> created = post("/api/users",
                "{\"email\": \"New.Csm@Tenure.test\", \"displayName\": \"New CSM\", \"password\": \"first-password-1\", \"roles\": [\"CSM\"]}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().path("email").asText()).isEqualTo("new.csm@tenure.test");
        TestRestTemplate csm = withToken(tokens.issue("test", "new.csm@tenure.test").token());

        assertThat(post(csm, "/api/users/me/password", "{\"current\": \"wrong-password-1\", \"replacement\": \"second-password-2\"}")
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(csm, "/api/users/me/password", "{\"current\": \"first-password-1\", \"replacement\": \"second-password-2\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(people.passwordMatches("new.csm@tenure.test", "second-password-2")).isTrue();
    }

    @Test
    void a_csm_sees_their_own_account_and_task_and_gets_403_on_another_csms() {
        JsonNode mine = accountWithTask("Mine To See");
        JsonNode theirs = accountWithTask("Not Mine");
        String me = mine.path("owner").asText();
        TestRestTemplate csm = as(me, Role.CSM);

        assertThat(csm.getForEntity("/api/accounts/" + mine.path("accountId").asText(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(csm.getForEntity("/api/tasks/" + mine.path("id").asLong(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        for (String path : new String[]{"/api/accounts/" + theirs.path("accountId").asText(),
                "/api/accounts/" + theirs.path("accountId").asText() + "/timeline",
                "/api/tasks/" + theirs.path("id").asLong(),
                "/api/why/task/" + theirs.path("id").asLong(),
                "/api/plays/" + theirs.path("runId").asLong()}) {
            ResponseEntity<JsonNode> refused = csm.getForEntity(path, JsonNode.class);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().path("detail").asText()).as(path).contains("another CSM");
        }
        ResponseEntity<JsonNode> complete = post(csm, "/api/tasks/" + theirs.path("id").asLong() + "/complete", "{\"outcome\": \"SAVED\"}");
        assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/tasks/" + theirs.path("id").asLong()).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void a_csms_lists_hold_only_their_own_accounts_tasks_and_plays() {
        JsonNode mine = accountWithTask("Listed Mine");
        JsonNode theirs = accountWithTask("Listed Theirs");
        String me = mine.path("owner").asText();
        TestRestTemplate csm = as(me, Role.CSM);

        JsonNode tasks = csm.getForObject("/api/tasks", JsonNode.class).path("items");
        JsonNode accounts = csm.getForObject("/api/accounts", JsonNode.class).path("items");
        JsonNode plays = csm.getForObject("/api/plays", JsonNode.class).path("items");

        assertThat(tasks.findValuesAsText("owner")).isNotEmpty().allMatch(me::equals);
        assertThat(accounts.findValuesAsText("csm")).containsExactly(me);
        assertThat(plays.findValuesAsText("accountId")).isNotEmpty().allMatch(mine.path("accountId").asText()::equals);
        assertThat(csm.getForEntity("/api/tasks?owner=" + theirs.path("owner").asText(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(csm.getForEntity("/api/plays?accountId=" + theirs.path("accountId").asText(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void cs_ops_see_every_account_but_a_csm_may_not_upload_rules_or_read_the_email_log() {
        JsonNode task = accountWithTask("Seen By Ops");
        TestRestTemplate ops = as("ops.sees-all@tenure.test", Role.CS_OPS);
        TestRestTemplate csm = as(task.path("owner").asText(), Role.CSM);

        assertThat(ops.getForEntity("/api/accounts/" + task.path("accountId").asText(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(post(csm, "/api/rules/versions", "{\"files\": {}}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(csm.getForEntity("/api/emails", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_webhook_needs_its_sources_secret_not_a_login() {
        TestData account = TestData.account("Secret Source", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        String nps = "{\"eventId\":\"nps-secret\",\"accountId\":\"" + account.id() + "\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"score\":9}";

        ResponseEntity<JsonNode> missing = webhook(nps, null);
        ResponseEntity<JsonNode> wrong = webhook(nps, "guessed");
        ResponseEntity<JsonNode> right = webhook(nps, SOURCE_SECRET);

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(missing.getBody().path("detail").asText()).contains("X-Tenure-Source-Secret: missing");
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrong.getBody().path("detail").asText()).contains("X-Tenure-Source-Secret: wrong");
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(right.getBody().path("accepted").asInt()).isEqualTo(1);
    }

    private ResponseEntity<JsonNode> webhook(String json, String secret) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (secret != null) {
            headers.set("X-Tenure-Source-Secret", secret);
        }
        return anonymous.exchange("/api/webhooks/nps", HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }
}
