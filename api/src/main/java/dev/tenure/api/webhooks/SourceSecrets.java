package dev.tenure.api.webhooks;

import dev.tenure.connectors.records.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides whether a webhook call comes from its source: the {@value #HEADER} header must equal the
 * secret configured for that kind, compared in constant time. A kind with no secret is refused unless
 * webhooks are open ({@code tenure.webhooks.open=true}, or the demo), so a forgotten secret fails
 * closed.
 */
@Component
@EnableConfigurationProperties(WebhookProperties.class)
class SourceSecrets {

    static final String HEADER = "X-Tenure-Source-Secret";
    private static final Logger log = LoggerFactory.getLogger(SourceSecrets.class);

    private final WebhookProperties properties;
    private final boolean open;

    SourceSecrets(WebhookProperties properties, ApplicationArguments args) {
        this.properties = properties;
        this.open = properties.open() || args.containsOption("demo");
        if (open) {
            log.warn("Webhooks without a configured secret accept any caller ({}): set tenure.webhooks.secrets.<kind> in production",
                    properties.open() ? "tenure.webhooks.open=true" : "demo only");
        }
    }

    /** Throws {@link SourceNotAuthenticatedException} unless the call may deliver records of this kind. */
    void check(String requested, String given) {
        Optional<RecordKind> known = RecordKind.named(requested);
        if (known.isEmpty()) {
            return; // nothing to deliver: the webhook route refuses an unknown kind, naming the field
        }
        checkSource(known.get().label(), given);
    }

    /** The same check for a named source that is not a record kind ({@code zendesk}). */
    void checkSource(String kind, String given) {
        String secret = properties.secrets().get(kind);
        if (secret == null || secret.isEmpty()) {
            if (!open) {
                throw new SourceNotAuthenticatedException("no secret is configured for webhook source '" + kind
                        + "' (tenure.webhooks.secrets." + kind + "); calls are refused until one is");
            }
            return;
        }
        if (given == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new SourceNotAuthenticatedException("header " + HEADER + ": " + (given == null ? "missing" : "wrong")
                    + " for webhook source '" + kind + "'");
        }
    }

    /** Whether sources without a configured secret are let in. */
    boolean open() {
        return open;
    }

    /** The caller did not prove it is the source: HTTP 401. */
    static class SourceNotAuthenticatedException extends RuntimeException {
        SourceNotAuthenticatedException(String message) {
            super(message);
        }
    }
}
