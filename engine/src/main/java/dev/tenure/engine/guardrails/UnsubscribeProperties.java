package dev.tenure.engine.guardrails;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How unsubscribe links are signed ({@code tenure.unsubscribe.*}).
 *
 * @param secret the HMAC key; unset, a key is made once and kept in the database so every node and
 *               every restart accept the links already sent. Changing it invalidates every link sent.
 */
@ConfigurationProperties("tenure.unsubscribe")
public record UnsubscribeProperties(String secret) {

    /** Never shows the secret, so it cannot end up in a log. */
    @Override
    public String toString() {
        return "UnsubscribeProperties[secret=" + (secret == null || secret.isBlank() ? "unset" : "set") + "]";
    }
}
