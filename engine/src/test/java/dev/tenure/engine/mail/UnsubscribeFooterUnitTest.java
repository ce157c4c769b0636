package dev.tenure.engine.mail;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every tech-touch email shows its unsubscribe link, whether or not its template does. */
class UnsubscribeFooterUnitTest {

    private static final String URL = "https://cs.example/unsubscribe/abc.def";
    private final EmailComposer composer = new EmailComposer();

    @Test
    void given_a_template_without_the_link_then_a_footer_with_it_goes_before_the_end_of_the_body() {
        RenderedEmail email = composer.render("<html><head><title>Hi</title></head><body><p>Hello</p></body></html>",
                Map.of(EmailComposer.UNSUBSCRIBE_URL, URL));

        assertThat(email.html()).contains("<p>Hello</p><p style=\"font-size:12px;color:#777\">Don't want these emails? <a href=\""
                + URL + "\">Unsubscribe</a>.</p>\n</body>");
        assertThat(email.unsubscribeUrl()).isEqualTo(URL);
    }

    @Test
    void given_a_template_that_shows_the_link_then_no_second_one_is_added() {
        RenderedEmail email = composer.render("<html><body><a th:href=\"${unsubscribeUrl}\">Stop</a></body></html>",
                Map.of(EmailComposer.UNSUBSCRIBE_URL, URL));

        assertThat(email.html()).containsOnlyOnce(URL).doesNotContain("Don't want these emails?");
    }

    @Test
    void given_an_email_that_is_not_tech_touch_then_it_has_no_link() {
        RenderedEmail email = composer.render("<html><body><p>For the CSM</p></body></html>", Map.of());

        assertThat(email.html()).doesNotContain("nsubscribe");
        assertThat(email.unsubscribeUrl()).isNull();
    }
}
