package dev.tenure.api;

import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer tells the browser, over real HTTP: which scripts and styles a page may use, that no
 * referrer leaves Tenure, no content sniffing, no framing; and a session cookie scripts cannot read that
 * other sites' requests do not carry.
 */
class SecurityHeadersIntegrationTest extends ApiIntegrationTest {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void the_pages_allow_only_their_own_scripts_and_styles_and_keep_their_addresses_to_themselves() throws Exception {
        HttpHeaders login = fetch("/login").headers();

        assertThat(login.firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
                        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(login.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void an_unsubscribe_link_with_its_token_in_the_path_is_never_sent_on_as_a_referrer() throws Exception {
        HttpResponse<String> page = fetch("/unsubscribe/not-a-real-token");

        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    }

    @Test
    void api_answers_load_nothing_and_send_no_referrer() throws Exception {
        ensurePerson("csm.headers@tenure.test", Role.CSM);
        String token = tokens.issue("headers", "csm.headers@tenure.test").token();

        HttpHeaders me = client.send(HttpRequest.newBuilder(uri("/api/users/me")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).headers();
        HttpHeaders refused = fetch("/api/users/me").headers();

        for (HttpHeaders headers : new HttpHeaders[]{me, refused}) {
            assertThat(headers.firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        }
    }

    @Test
    void swagger_ui_has_a_policy_of_its_own_that_lets_it_style_itself_but_runs_only_its_own_script_files() throws Exception {
        HttpResponse<String> ui = fetch("/swagger-ui/index.html");
        HttpResponse<String> docs = fetch("/v3/api-docs");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "frame-ancestors 'none'");
        assertThat(ui.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(ui.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(ui.headers().allValues("Set-Cookie")).as("the docs need no session").isEmpty();
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax() throws Exception {
        HttpResponse<String> login = fetch("/login");

        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
        assertThat(cookie).as("served over plain HTTP here").doesNotContain("Secure");
    }

    private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
