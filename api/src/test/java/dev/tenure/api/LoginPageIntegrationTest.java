package dev.tenure.api;

import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** People sign in to the pages with a form, a session cookie and the form's CSRF token. */
class LoginPageIntegrationTest extends ApiIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A browser of its own: cookies kept, redirects not followed, so each step can be checked. */
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void a_page_without_a_session_redirects_to_the_login_page_which_labels_its_fields() throws Exception {
        HttpResponse<String> page = send(page("/inbox"));
        HttpResponse<String> login = send(page("/login"));

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"username\">Email</label>", "<label for=\"password\">Password</label>");
    }

    @Test
    void signing_in_with_the_right_password_opens_the_pages_and_signing_out_closes_them() throws Exception {
        ensurePerson("csm.signs-in@tenure.test", Role.CSM);

        HttpResponse<String> signedIn = signIn("csm.signs-in@tenure.test", PASSWORD);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(send(page("/inbox")).statusCode()).isEqualTo(200);

        String csrf = csrfOf(send(page("/login")).body());
        send(form("/logout", "_csrf=" + enc(csrf)));
        assertThat(send(page("/inbox")).statusCode()).isEqualTo(302);
    }

    @Test
    void a_wrong_password_shows_the_error_on_the_login_page() throws Exception {
        ensurePerson("csm.mistypes@tenure.test", Role.CSM);

        HttpResponse<String> refused = signIn("csm.mistypes@tenure.test", "not-the-password");
        HttpResponse<String> page = send(page(URI.create(refused.headers().firstValue("Location").orElseThrow()).getPath() + "?error"));

        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(page.body()).contains("role=\"alert\"", "Wrong email or password.");
        assertThat(send(page("/inbox")).statusCode()).isEqualTo(302);
    }

    @Test
    void a_login_without_the_forms_csrf_token_is_refused() throws Exception {
        ensurePerson("csm.forged@tenure.test", Role.CSM);
        send(page("/login"));

        HttpResponse<String> forged = send(form("/login", "username=csm.forged%40tenure.test&password=" + enc(PASSWORD)));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(send(page("/inbox")).statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> signIn(String email, String password) throws IOException, InterruptedException {
        String csrf = csrfOf(send(page("/login")).body());
        return send(form("/login", "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf)));
    }

    private static String csrfOf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("the login form carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private HttpRequest page(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }

    private HttpRequest form(String path, String form) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
