package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that asks for an address nothing serves, or one its roles do not open, gets a page with the
 * site's header (who is signed in, sign-out); an API client asking the same gets a problem body. And
 * signing out: a button on every page, and a page at {@code GET /logout}.
 */
class ErrorPagesIntegrationTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedInClient csm() {
        ensurePerson("csm.errors@tenure.test", Role.CSM);
        return SignedInClient.signIn(port, "csm.errors@tenure.test", PASSWORD);
    }

    @Test
    void a_browser_asking_for_an_address_nothing_serves_gets_a_not_found_page_with_the_header_and_sign_out() {
        SignedInClient browser = csm();

        for (String path : new String[]{"/acounts", "/no/such/page", "/ops/nothing-here", "/inbox/tasks"}) {
            HttpResponse<String> page = browser.page(path);

            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<title>Not found · Tenure</title>", "There is no page at " + path + ".",
                    "id=\"viewer-email\">csm.errors@tenure.test<", "id=\"sign-out\"", "Skip to content")
                    .doesNotContain("Whitelabel", "\"status\"");
        }
    }

    /**
     * A hand-edited address of a page (a parameter or an id that does not read, one left out, a record that is not
     * there) gets a page saying what is wrong, with the header; never a problem body meant for API clients.
     */
    @Test
    void a_browser_sending_a_page_a_bad_parameter_or_id_gets_a_page_naming_it_not_a_problem_body() {
        ensurePerson("ops.errors@tenure.test", Role.CS_OPS);
        SignedInClient browser = SignedInClient.signIn(port, "ops.errors@tenure.test", PASSWORD);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("/accounts?page=second", "page: 'second' does not read as a number");
        bad.put("/ops/rules/dry-run", "account: missing");
        bad.put("/ops/emails/preview?template=renewal", "account: missing");
        for (Map.Entry<String, String> address : bad.entrySet()) {
            HttpResponse<String> page = browser.page(address.getKey());

            assertThat(page.statusCode()).as(address.getKey()).isBetween(400, 404);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).as(address.getKey()).startsWith("text/html");
            assertThat(page.body()).as(address.getKey()).contains("id=\"viewer-email\">ops.errors@tenure.test<", "id=\"sign-out\"",
                    HtmlUtils.htmlEscape(address.getValue())).doesNotContain("\"status\":", "application/problem+json");
        }
        HttpResponse<String> badId = browser.post("/ops/plays/not-a-number/pause", "");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains(HtmlUtils.htmlEscape("id: 'not-a-number' does not read as a number"), "id=\"sign-out\"");
        HttpResponse<String> gone = browser.page("/ops/backtests/999999");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("<title>Not found · Tenure</title>");
        assertThat(http.getForEntity("/api/accounts/" + "no-such" + "/timeline?page=second", JsonNode.class).getHeaders()
                .getContentType()).as("the API still answers with a problem body").hasToString("application/problem+json");
    }

    @Test
    void an_api_client_asking_for_an_unknown_address_gets_a_problem_body_whatever_it_accepts_under_api() throws Exception {
        SignedInClient browser = csm();

        HttpResponse<String> json = browser.get("/no/such/page", "application/json");
        HttpResponse<String> api = browser.get("/api/no-such-endpoint", SignedInClient.BROWSER_ACCEPT);

        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(json.body()).path("instance").asText()).isEqualTo("/no/such/page");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(api.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).contains("/api/no-such-endpoint");
        assertThat(http.getForEntity("/api/no-such-endpoint", JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void opening_a_forms_address_as_a_page_says_so_on_a_page_and_to_an_api_client_in_a_problem() throws Exception {
        SignedInClient browser = csm();

        HttpResponse<String> page = browser.page("/profile/password");
        HttpResponse<String> api = browser.get("/api/digests/send", "application/json");

        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.headers().firstValue("Allow").orElseThrow()).isEqualTo("POST");
        assertThat(page.body()).contains("<title>Something went wrong · Tenure</title>",
                "/profile/password cannot be used that way: open it from its page.", "id=\"sign-out\"");
        assertThat(api.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(api.body()).path("detail").asText()).isEqualTo("/api/digests/send does not take GET");
    }

    @Test
    void a_csm_opening_an_admin_page_gets_a_forbidden_page_and_an_api_client_a_problem() throws Exception {
        SignedInClient browser = csm();

        HttpResponse<String> page = browser.page("/admin/people");
        HttpResponse<String> json = browser.get("/admin/tokens", "application/json");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("<title>Not yours · Tenure</title>", "Your roles do not let you open /admin/people.",
                "id=\"sign-out\"").doesNotContain("id=\"people\"");
        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(json.body()).path("detail").asText()).isEqualTo("Your roles do not allow GET /admin/tokens");
    }

    @Test
    void get_logout_shows_a_sign_out_button_and_pressing_it_signs_out() {
        SignedInClient browser = csm();

        HttpResponse<String> page = browser.page("/logout");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sign out · Tenure</title>", "id=\"sign-out-confirm\"", "action=\"/logout\"");

        HttpResponse<String> out = browser.post("/logout", "");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(browser.page("/inbox").statusCode()).as("signed out: back to the login page").isEqualTo(302);
        assertThat(browser.page("/login?logout").body()).contains("You are signed out.");
    }

    @Test
    void every_page_of_a_signed_in_person_carries_the_sign_out_form_with_its_csrf_token() {
        ensurePerson("admin.pages@tenure.test", Role.ADMIN, Role.CS_OPS);
        SignedInClient admin = SignedInClient.signIn(port, "admin.pages@tenure.test", PASSWORD);

        for (String path : new String[]{"/inbox", "/ops/health", "/ops/plays/outcomes", "/ops/metrics", "/ops/rules", "/ops/plays",
                "/ops/dead-letters", "/ops/emails", "/profile", "/admin/people", "/admin/tokens", "/logout", "/nowhere"}) {
            String body = admin.page(path).body();
            assertThat(body).as(path).containsPattern(
                    "<form method=\"post\" action=\"/logout\" class=\"sign-out\"><input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"/?>");
            assertThat(body).as(path).contains("id=\"nav-people\"", "id=\"nav-profile\"");
        }
    }

    @Test
    void nobody_signed_in_asking_for_an_unknown_page_is_sent_to_sign_in_first() {
        HttpResponse<String> page = SignedInClient.nobody(port).page("/accounts");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
