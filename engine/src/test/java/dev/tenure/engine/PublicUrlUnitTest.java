package dev.tenure.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every link in an email starts with tenure.public-url, and a setting that could not be opened is refused at start. */
class PublicUrlUnitTest {

    @Test
    void links_go_to_the_pages_under_the_configured_address_with_or_without_a_path_and_a_trailing_slash() {
        PublicUrl proxied = new PublicUrl("https://example.com/tenure/");

        assertThat(proxied.base()).isEqualTo("https://example.com/tenure");
        assertThat(proxied.task(42)).isEqualTo("https://example.com/tenure/inbox#task-42");
        assertThat(proxied.inbox()).isEqualTo("https://example.com/tenure/inbox");
        assertThat(proxied.unsubscribe("abc.def")).isEqualTo("https://example.com/tenure/unsubscribe/abc.def");
        assertThat(proxied.account("acme co/1")).isEqualTo("https://example.com/tenure/accounts/acme%20co%2F1");
        assertThat(new PublicUrl("http://localhost:8080").task(7)).isEqualTo("http://localhost:8080/inbox#task-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "cs.example.com", "ftp://cs.example.com", "https://", "https://cs.example.com?x=1",
            "https://cs.example.com/#top", "https://user:pw@cs.example.com", "https://cs example.com", "javascript:alert(1)"})
    void an_address_people_could_not_open_is_refused_naming_the_setting(String setting) {
        assertThatThrownBy(() -> new PublicUrl(setting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.public-url must be")
                .hasMessageContaining("was '" + setting + "'");
    }

    @Test
    void the_engines_settings_refuse_a_bad_public_url_and_keep_a_good_one_without_its_trailing_slash() {
        assertThatThrownBy(() -> settings("localhost:8080")).hasMessageStartingWith("tenure.public-url must be");
        assertThat(settings("https://cs.example.com/").publicUrl()).isEqualTo("https://cs.example.com");
    }

    private static EngineProperties settings(String publicUrl) {
        return new EngineProperties("rules", java.time.ZoneId.of("UTC"), "Tenure <cs@tenure.example>", java.time.Duration.ofSeconds(30),
                "0 0 6 * * ?", 100, publicUrl, 2);
    }
}
