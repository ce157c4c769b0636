package dev.tenure.api;

import dev.tenure.api.people.Role;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Someone guessing passwords on the sign-in form is stopped: after 5 failures for one email within 15
 * minutes that email is refused, the right password too, and after 20 from one address (whatever the
 * emails) that address is; the page says so. The default settings, through the real security filters.
 * Each scenario signs in from addresses of its own (documentation ranges), so no scenario locks another
 * out. Time running out is {@code people.SignInThrottleUnitTest}'s, with a clock of its own.
 */
class SignInThrottlingIntegrationTest extends ApiIntegrationTest {

    private final String email = "csm-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";

    @Test
    void five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_too_and_the_page_says_for_how_long() throws Exception {
        ensurePerson(email, Role.CSM);
        for (int i = 0; i < 5; i++) {
            refusedSignIn(email, "guess-" + i, "198.51.100.11");
        }

        MvcResult refused = refusedSignIn(email, PASSWORD, "198.51.100.11");

        assertThat(pageAfter(refused)).contains("role=\"alert\"",
                "Too many failed sign-ins for this account; try again in 15 minutes.").doesNotContain("Wrong email or password");
        mvc.perform(form(email, PASSWORD, "198.51.100.12"))
                .andExpect(unauthenticated());
    }

    @Test
    void another_account_from_the_same_address_still_signs_in() throws Exception {
        ensurePerson(email, Role.CSM);
        String colleague = "colleague-" + email;
        ensurePerson(colleague, Role.CSM);
        for (int i = 0; i < 5; i++) {
            refusedSignIn(email, "guess-" + i, "198.51.100.21");
        }

        mvc.perform(form(colleague, PASSWORD, "198.51.100.21"))
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(colleague));
    }

    @Test
    void an_email_nobody_has_is_refused_the_same_way_so_the_page_tells_nothing_about_who_exists() throws Exception {
        String nobody = "nobody-" + email;
        for (int i = 0; i < 5; i++) {
            assertThat(pageAfter(refusedSignIn(nobody, "guess-" + i, "198.51.100.31"))).contains("Wrong email or password.");
        }

        assertThat(pageAfter(refusedSignIn(nobody, PASSWORD, "198.51.100.31")))
                .contains("Too many failed sign-ins for this account; try again in 15 minutes.");
    }

    @Test
    void twenty_failures_from_one_address_across_emails_lock_the_address_but_not_the_people_elsewhere() throws Exception {
        ensurePerson(email, Role.CSM);
        for (int i = 0; i < 20; i++) {
            refusedSignIn("sprayed-" + i + "-" + email, "Winter2026!", "203.0.113.41");
        }

        MvcResult refused = refusedSignIn(email, PASSWORD, "203.0.113.41");

        assertThat(pageAfter(refused)).contains("Too many failed sign-ins from your network address; try again in 15 minutes.");
        mvc.perform(form(email, PASSWORD, "203.0.113.42"))
                .andExpect(authenticated().withUsername(email));
    }

    @Test
    void a_correct_sign_in_clears_the_accounts_earlier_failures() throws Exception {
        ensurePerson(email, Role.CSM);
        for (int i = 0; i < 4; i++) {
            refusedSignIn(email, "guess-" + i, "198.51.100.51");
        }
        mvc.perform(form(email, PASSWORD, "198.51.100.51"))
                .andExpect(authenticated());

        for (int i = 0; i < 4; i++) {
            refusedSignIn(email, "guess-" + i, "198.51.100.51");
        }
        mvc.perform(form(email, PASSWORD, "198.51.100.51"))
                .andExpect(authenticated().withUsername(email));
    }

    /** A sign-in refused, as every one here is until it succeeds: back to the form with ?error. */
    private MvcResult refusedSignIn(String email, String password, String from) throws Exception {
        return mvc.perform(form(email, password, from))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated())
                .andReturn();
    }

    /** The sign-in page the browser is sent to, in the same session. */
    private String pageAfter(MvcResult refused) throws Exception {
        MockHttpSession session = (MockHttpSession) refused.getRequest().getSession(false);
        return mvc.perform(MockMvcRequestBuilders.get("/login").param("error", "").session(session)).andReturn().getResponse().getContentAsString();
    }

    /** The sign-in form posted from a client at this address. */
    private static MockHttpServletRequestBuilder form(String email, String password, String address) {
        RequestPostProcessor from = request -> {
            request.setRemoteAddr(address);
            return request;
        };
        return MockMvcRequestBuilders.post("/login").param("username", email).param("password", password).with(csrf()).with(from);
    }
}
