package dev.tenure.api.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook's address is checked and kept secret; a post's text cannot be bent by what a title holds. */
class SlackUnitTest {

    private static final List<String> NO_PLAIN_HTTP = List.of();

    @Test
    void an_https_address_is_taken_and_shown_only_by_its_host_and_last_characters() {
        WebhookUrl url = WebhookUrl.parse("url", "  https://hooks.slack.com/services/T0001/B0001/abcdEFGHijklWXYZ ", NO_PLAIN_HTTP);

        assertThat(url.url()).isEqualTo("https://hooks.slack.com/services/T0001/B0001/abcdEFGHijklWXYZ");
        assertThat(url.masked()).isEqualTo("https://hooks.slack.com/…WXYZ");
        assertThat(url).hasToString("https://hooks.slack.com/…WXYZ");
    }

    @Test
    void plain_http_user_names_fragments_and_blanks_are_refused_naming_the_field_and_never_repeating_the_address() {
        assertThatThrownBy(() -> WebhookUrl.parse("url", "http://hooks.slack.com/services/T/B/secretpart", NO_PLAIN_HTTP))
                .hasMessageStartingWith("url: a webhook address must start with https://").hasMessageNotContaining("secretpart");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "https://me:pw@hooks.slack.com/services/T/B/secretpart", NO_PLAIN_HTTP))
                .hasMessageStartingWith("url: ").hasMessageNotContaining("secretpart");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "https://hooks.slack.com/services/T/B/secretpart#x", NO_PLAIN_HTTP))
                .hasMessageStartingWith("url: ");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "ftp://hooks.slack.com/secretpart", NO_PLAIN_HTTP))
                .hasMessageStartingWith("url: a webhook address must start with https://");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "  ", NO_PLAIN_HTTP)).hasMessageStartingWith("url: paste");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "https://hooks.slack.com/a b", NO_PLAIN_HTTP))
                .hasMessageStartingWith("url: a webhook address is one line");
    }

    @Test
    void plain_http_is_taken_only_for_a_host_the_settings_name() {
        assertThat(WebhookUrl.parse("url", "http://relay.internal:8080/slack/abcdefghijklmnop", List.of("relay.internal")).url())
                .isEqualTo("http://relay.internal:8080/slack/abcdefghijklmnop");
        assertThatThrownBy(() -> WebhookUrl.parse("url", "http://elsewhere.example/slack", List.of("relay.internal")))
                .hasMessageContaining("tenure.slack.plain-http-hosts");
    }

    @Test
    void a_title_cannot_make_a_link_or_ping_a_channel_and_the_task_link_is_one_link() {
        String text = SlackMessage.text("Dana Reyes", "Smith & Sons", "<!channel> call <https://evil.example|here>",
                "Thu 10 Dec 2026", "https://cs.example/inbox#task-12");

        assertThat(text).contains("*Smith &amp; Sons*", "&lt;!channel&gt; call &lt;https://evil.example|here&gt;")
                .endsWith("<https://cs.example/inbox#task-12|Open the task in Tenure>");
        assertThat(text.chars().filter(c -> c == '<').count()).as("only the task link is a link").isEqualTo(1);
    }

    @Test
    void each_wait_doubles_from_the_first_and_stops_at_an_hour() {
        SlackProperties settings = new SlackProperties(true, Duration.ofSeconds(5), 20, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofDays(1), List.of());

        assertThat(settings.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.waitAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.waitAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(settings.waitAfter(12)).isEqualTo(Duration.ofHours(1));
    }
}
