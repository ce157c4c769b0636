package dev.tenure.api;

import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A person changes their own password on their profile page: the current one is required, the API's rules apply. */
class ProfilePageIntegrationTest extends ApiIntegrationTest {

    private static final String NEW_PASSWORD = "a-new-password-of-mine";

    private final String email = "profile-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Test
    void the_profile_shows_who_is_signed_in_with_their_roles_and_a_labelled_password_form() {
        ensurePerson(email, Role.CSM, Role.CS_OPS);

        String page = SignedInClient.signIn(port, email, PASSWORD).page("/profile").body();

        assertThat(page).contains("<title>Your profile · Tenure</title>", "id=\"profile-email\">" + email + "<",
                "id=\"profile-roles\">CS_OPS, CSM<", "<label for=\"current\">Current password</label>",
                "<label for=\"replacement\">", "<label for=\"repeat\">", "aria-current=\"page\"");
    }

    @Test
    void with_the_current_password_the_new_one_replaces_it_at_the_next_sign_in() {
        ensurePerson(email, Role.CSM);
        SignedInClient browser = SignedInClient.signIn(port, email, PASSWORD);
        browser.page("/profile");

        var changed = browser.post("/profile/password", form(PASSWORD, NEW_PASSWORD, NEW_PASSWORD));

        assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/profile");
        assertThat(browser.page("/profile").body()).contains("Your password is changed");
        assertThat(people.passwordMatches(email, NEW_PASSWORD)).isTrue();
        assertThat(people.passwordMatches(email, PASSWORD)).isFalse();
        assertThat(SignedInClient.signIn(port, email, NEW_PASSWORD).page("/inbox").statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_current_password_a_short_one_or_a_repetition_that_differs_changes_nothing_and_says_which_field() {
        ensurePerson(email, Role.CSM);
        SignedInClient browser = SignedInClient.signIn(port, email, PASSWORD);
        browser.page("/profile");

        browser.post("/profile/password", form("not-my-password", NEW_PASSWORD, NEW_PASSWORD));
        String wrong = browser.page("/profile").body();
        browser.post("/profile/password", form(PASSWORD, "short", "short"));
        String tooShort = browser.page("/profile").body();
        browser.post("/profile/password", form(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"));
        String differs = browser.page("/profile").body();

        assertThat(wrong).contains("Password not changed. current: not your current password");
        assertThat(tooShort).contains("Password not changed. replacement: size must be between 12 and 200");
        assertThat(differs).contains("Password not changed. repeat: the new password and its repetition differ");
        assertThat(people.passwordMatches(email, PASSWORD)).isTrue();
    }

    @Test
    void changing_the_password_without_the_forms_csrf_token_is_refused() {
        ensurePerson(email, Role.CSM);
        SignedInClient browser = SignedInClient.signIn(port, email, PASSWORD);

        var forged = browser.postWithoutCsrf("/profile/password", form(PASSWORD, NEW_PASSWORD, NEW_PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Not yours");
        assertThat(people.passwordMatches(email, PASSWORD)).isTrue();
    }

    private static String form(String current, String replacement, String repeat) {
        return "current=" + SignedInClient.enc(current) + "&replacement=" + SignedInClient.enc(replacement)
                + "&repeat=" + SignedInClient.enc(repeat);
    }
}
