package dev.tenure.engine.guardrails;

import dev.tenure.engine.EngineProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Unsubscribe tokens: only a token signed with the installation's secret names someone. */
class UnsubscribeLinksUnitTest {

    private final UnsubscribeLinks links = links("s3cret");

    @Test
    void given_a_token_then_it_names_the_account_and_the_lowercased_address() {
        String token = links.token("acme", "Pat@Acme.Example");

        assertThat(links.verify(token)).contains(new UnsubscribeLinks.Unsubscriber("acme", "pat@acme.example"));
        assertThat(links.url("acme", "pat@acme.example")).isEqualTo("https://cs.example/unsubscribe/" + token);
    }

    @Test
    void given_a_changed_address_a_garbled_token_or_another_secret_then_nobody_is_named() {
        String token = links.token("acme", "pat@acme.example");
        String otherAddress = links.token("acme", "sam@acme.example");
        String forged = otherAddress.substring(0, otherAddress.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(links.verify(forged)).isEmpty();
        assertThat(links.verify(token.substring(0, token.length() - 2))).isEmpty();
        assertThat(links.verify("not-a-token")).isEmpty();
        assertThat(links.verify("a.b.c")).isEmpty();
        assertThat(links.verify("%%%.%%%")).isEmpty();
        assertThat(links("another").verify(token)).isEmpty();
    }

    @Test
    void the_secret_is_never_shown() {
        assertThat(new UnsubscribeProperties("s3cret").toString()).doesNotContain("s3cret");
    }

    private static UnsubscribeLinks links(String secret) {
        EngineProperties engine = new EngineProperties("rules", ZoneId.of("UTC"), "cs@x", Duration.ofSeconds(30),
                "0 0 6 * * ?", 100, "https://cs.example/", 2);
        return new UnsubscribeLinks(null, null, new UnsubscribeProperties(secret), engine);
    }
}
