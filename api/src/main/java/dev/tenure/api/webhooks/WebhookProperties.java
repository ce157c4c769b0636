package dev.tenure.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * Per-source webhook secrets, {@code tenure.webhooks.secrets.<kind>} (environment variable
 * TENURE_WEBHOOKS_SECRETS_NPS, ...), whether sources without one are let in ({@code open}), and the largest
 * request body a webhook takes ({@code maxBody}: a batch beyond it is refused before it is read).
 */
@ConfigurationProperties("tenure.webhooks")
record WebhookProperties(Map<String, String> secrets, boolean open, DataSize maxBody) {

    static final DataSize DEFAULT_MAX_BODY = DataSize.ofMegabytes(10);

    WebhookProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        maxBody = maxBody == null ? DEFAULT_MAX_BODY : maxBody;
        if (maxBody.toBytes() < 1024) {
            throw new IllegalArgumentException("tenure.webhooks.max-body must be at least 1KB, was " + maxBody);
        }
    }
}
