package dev.tenure.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Per-source webhook secrets, {@code tenure.webhooks.secrets.<kind>} (environment variable
 * TENURE_WEBHOOKS_SECRETS_NPS, ...), and whether sources without one are let in ({@code open}).
 */
@ConfigurationProperties("tenure.webhooks")
record WebhookProperties(Map<String, String> secrets, boolean open) {

    WebhookProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }
}
