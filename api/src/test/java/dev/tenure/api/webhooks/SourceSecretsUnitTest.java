package dev.tenure.api.webhooks;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook source without a configured secret is refused unless webhooks are open or it is the demo. */
class SourceSecretsUnitTest {

    @Test
    void a_source_without_a_secret_is_refused_by_default_naming_the_setting() {
        SourceSecrets secrets = new SourceSecrets(new WebhookProperties(Map.of(), false, null), new DefaultApplicationArguments());

        assertThatThrownBy(() -> secrets.check("nps", null))
                .isInstanceOf(SourceSecrets.SourceNotAuthenticatedException.class)
                .hasMessageContaining("tenure.webhooks.secrets.nps");
    }

    @Test
    void a_source_without_a_secret_is_let_in_when_webhooks_are_open_or_in_the_demo() {
        SourceSecrets open = new SourceSecrets(new WebhookProperties(Map.of(), true, null), new DefaultApplicationArguments());
        SourceSecrets demo = new SourceSecrets(new WebhookProperties(Map.of(), false, null), new DefaultApplicationArguments("--demo"));

        assertThatCode(() -> open.check("nps", null)).doesNotThrowAnyException();
        assertThatCode(() -> demo.check("usage", null)).doesNotThrowAnyException();
    }

    @Test
    void a_configured_secret_is_required_even_when_webhooks_are_open() {
        SourceSecrets secrets = new SourceSecrets(new WebhookProperties(Map.of("nps", "s3cret"), true, null), new DefaultApplicationArguments());

        assertThatThrownBy(() -> secrets.check("NPS", "guess")).hasMessageContaining("wrong");
        assertThatCode(() -> secrets.check("nps", "s3cret")).doesNotThrowAnyException();
    }

    @Test
    void a_named_source_that_is_not_a_record_kind_is_checked_against_its_own_secret() {
        SourceSecrets secrets = new SourceSecrets(new WebhookProperties(Map.of("zendesk", "zd"), false, null), new DefaultApplicationArguments());

        assertThatThrownBy(() -> secrets.checkSource("zendesk", null)).hasMessageContaining("missing for webhook source 'zendesk'");
        assertThatCode(() -> secrets.checkSource("zendesk", "zd")).doesNotThrowAnyException();
        assertThatThrownBy(() -> secrets.checkSource("other", "zd")).hasMessageContaining("tenure.webhooks.secrets.other");
    }
}
