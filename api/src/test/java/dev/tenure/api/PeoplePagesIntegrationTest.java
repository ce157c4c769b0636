package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.people.Person;
import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin manages people and API tokens from the pages, signed in with the form only: a fresh install's
 * first admin issues the first token without any token, a database edit or the demo.
 */
class PeoplePagesIntegrationTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("id=\"issued-token\">(tnr_[A-Za-z0-9_\\-]+)<");

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
    }

    private SignedInClient admin() {
        String email = unique("admin");
        ensurePerson(email, Role.ADMIN);
        return SignedInClient.signIn(port, email, PASSWORD);
    }

    @Test
    void an_admin_signed_in_with_the_form_issues_a_token_on_the_page_that_is_shown_once_and_works_until_revoked() {
        SignedInClient admin = admin();
        String csm = unique("csm");
        ensurePerson(csm, Role.CSM);

        admin.page("/admin/tokens");
        HttpResponse<String> issued = admin.post("/admin/tokens", "name=" + SignedInClient.enc("dana laptop") + "&owner=" + SignedInClient.enc(csm));

        assertThat(issued.statusCode()).isEqualTo(200);
        Matcher token = TOKEN.matcher(issued.body());
        assertThat(token.find()).as("the token is on the answer to the form").isTrue();
        assertThat(issued.body()).contains("Token dana laptop for " + csm, "never show it again");
        TestRestTemplate client = withToken(token.group(1));
        assertThat(client.getForObject("/api/users/me", JsonNode.class).path("email").asText()).isEqualTo(csm);

        HttpResponse<String> list = admin.page("/admin/tokens");
        assertThat(list.body()).as("never shown again").doesNotContain(token.group(1)).contains("dana laptop", csm);
        long id = tokens.list().stream().filter(t -> t.owner().equals(csm)).findFirst().orElseThrow().id();
        HttpResponse<String> revoked = admin.post("/admin/tokens/" + id + "/revoke", "");
        assertThat(revoked.headers().firstValue("Location").orElseThrow()).endsWith("/admin/tokens");
        assertThat(admin.page("/admin/tokens").body()).contains("Token " + id + " is revoked");
        assertThat(client.getForEntity("/api/users/me", JsonNode.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void a_token_for_nobody_or_without_a_name_is_refused_with_the_field_named() {
        SignedInClient admin = admin();
        admin.page("/admin/tokens");

        String nobody = admin.post("/admin/tokens", "name=x&owner=" + SignedInClient.enc("nobody@tenure.example")).body();
        String nameless = admin.post("/admin/tokens", "name=&owner=").body();

        assertThat(nobody).contains("owner: nobody@tenure.example is nobody active in Tenure").doesNotContain("id=\"issued-token\"");
        assertThat(nameless).contains("name: say what the token is for").doesNotContain("id=\"issued-token\"");
    }

    @Test
    void the_first_admin_signed_in_with_a_session_issues_a_token_through_the_api_with_the_pages_csrf_token() throws Exception {
        SignedInClient admin = admin();
        String csrf = SignedInClient.csrfOf(admin.page("/admin/tokens").body());

        HttpResponse<String> forged = admin.api("POST", "/api/tokens", "{\"name\": \"no csrf\"}", null);
        HttpResponse<String> issued = admin.api("POST", "/api/tokens", "{\"name\": \"reporting\"}", csrf);

        assertThat(forged.statusCode()).as("a session without the CSRF token: what a forged cross-site post would be").isEqualTo(403);
        assertThat(admin.api("POST", "/api/tokens", "{\"name\": \"basic\"}", null, "Basic eDp5").statusCode())
                .as("only a bearer token spares the CSRF token").isEqualTo(403);
        assertThat(JSON.readTree(forged.body()).path("detail").asText()).contains("CSRF token in the X-CSRF-TOKEN header");
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = JSON.readTree(issued.body()).path("token").asText();
        assertThat(withToken(token).getForObject("/api/tokens", JsonNode.class).path("items")).isNotEmpty();
        assertThat(admin.api("GET", "/api/users/me", "", null).statusCode()).as("reading needs no CSRF token").isEqualTo(200);
    }

    @Test
    void a_session_gives_the_api_no_more_than_its_roles_and_a_call_with_neither_session_nor_token_is_still_401() {
        String csm = unique("csm");
        ensurePerson(csm, Role.CSM);
        SignedInClient browser = SignedInClient.signIn(port, csm, PASSWORD);
        String csrf = SignedInClient.csrfOf(browser.page("/profile").body());

        assertThat(browser.api("POST", "/api/tokens", "{\"name\": \"mine\"}", csrf).statusCode()).isEqualTo(403);
        assertThat(anonymous.postForEntity("/api/tokens", null, JsonNode.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void an_admin_adds_a_person_changes_their_roles_and_deactivates_them_which_ends_their_session_and_tokens() {
        SignedInClient admin = admin();
        String added = unique("new.csm");

        admin.page("/admin/people");
        HttpResponse<String> add = admin.post("/admin/people", "email=" + SignedInClient.enc(added) + "&displayName=New+CSM&password="
                + SignedInClient.enc(PASSWORD) + "&role=CSM");
        assertThat(add.headers().firstValue("Location").orElseThrow()).endsWith("/admin/people");
        assertThat(admin.page("/admin/people").body()).contains("Added " + added + " (CSM).", "data-email=\"" + added + "\"");
        Person person = people.find(added).orElseThrow();

        SignedInClient them = SignedInClient.signIn(port, added, PASSWORD);
        TestRestTemplate theirToken = withToken(tokens.issue("theirs", added).token());
        assertThat(them.page("/ops/rules").statusCode()).as("a CSM").isEqualTo(403);

        admin.post("/admin/people/" + person.id() + "/roles", "role=CSM&role=CS_OPS");
        assertThat(people.find(added).orElseThrow().roles()).containsExactlyInAnyOrder(Role.CSM, Role.CS_OPS);
        assertThat(them.page("/ops/rules").statusCode()).as("the new role applies at their next request").isEqualTo(200);

        admin.page("/admin/people");
        admin.post("/admin/people/" + person.id() + "/deactivate", "");
        assertThat(admin.page("/admin/people").body()).contains(added + " is deactivated");
        assertThat(them.page("/inbox").statusCode()).as("signed out at their next click").isEqualTo(302);
        assertThat(theirToken.getForEntity("/api/users/me", JsonNode.class).getStatusCode().value()).isEqualTo(401);
        HttpResponse<String> again = SignedInClient.nobody(port).page("/login");
        assertThat(again.statusCode()).isEqualTo(200);

        admin.post("/admin/people/" + person.id() + "/reactivate", "");
        assertThat(people.find(added).orElseThrow().enabled()).isTrue();
        assertThat(SignedInClient.signIn(port, added, PASSWORD).page("/inbox").statusCode()).isEqualTo(200);
    }

    @Test
    void a_person_with_a_bad_field_or_an_email_already_taken_is_not_added_and_the_page_says_which_field() {
        SignedInClient admin = admin();
        String taken = unique("taken");
        ensurePerson(taken, Role.CSM);
        admin.page("/admin/people");

        admin.post("/admin/people", "email=not-an-email&displayName=X&password=short&role=CSM");
        String shortPassword = admin.page("/admin/people").body();
        admin.post("/admin/people", "email=" + SignedInClient.enc(unique("noroles")) + "&displayName=X&password=" + SignedInClient.enc(PASSWORD));
        String noRoles = admin.page("/admin/people").body();
        admin.post("/admin/people", "email=" + SignedInClient.enc(taken) + "&displayName=X&password=" + SignedInClient.enc(PASSWORD) + "&role=CSM");
        String existing = admin.page("/admin/people").body();

        assertThat(shortPassword).contains("Nobody was added.", "email: must be a well-formed email address",
                "password: size must be between 12 and 200");
        assertThat(noRoles).contains("Nobody was added.", "roles: must not be empty");
        assertThat(existing).contains("Nobody was added. user " + taken + " already exists");
    }

    @Test
    void the_last_admin_can_neither_be_deactivated_nor_lose_the_admin_role() {
        String lastEmail = unique("admin");
        ensurePerson(lastEmail, Role.ADMIN);
        // Every other admin of the shared test database (other tests make their own, with passwords of their own)
        // is deactivated for a moment and made active again after; this test's admin is the last one.
        Person last = people.list().stream().filter(p -> p.email().equalsIgnoreCase(lastEmail)).findFirst().orElseThrow();
        Set<Long> others = people.list().stream().filter(p -> p.enabled() && p.roles().contains(Role.ADMIN))
                .map(Person::id).filter(id -> id != last.id()).collect(java.util.stream.Collectors.toSet());
        try {
            others.forEach(id -> people.changeEnabled(id, false));

            SignedInClient lastAdmin = SignedInClient.signIn(port, last.email(), PASSWORD);
            lastAdmin.page("/admin/people");
            lastAdmin.post("/admin/people/" + last.id() + "/deactivate", "");
            String deactivate = lastAdmin.page("/admin/people").body();
            lastAdmin.post("/admin/people/" + last.id() + "/roles", "role=CS_OPS");
            String demote = lastAdmin.page("/admin/people").body();

            assertThat(deactivate).contains("Not deactivated. " + last.email() + " is the last admin and cannot be deactivated");
            assertThat(demote).contains("Roles not changed. " + last.email() + " is the last admin and keeps the admin role");
            assertThat(people.find(last.id()).orElseThrow().enabled()).isTrue();
            assertThat(people.find(last.id()).orElseThrow().roles()).contains(Role.ADMIN);
        } finally {
            others.forEach(id -> people.changeEnabled(id, true));
        }
    }
}
