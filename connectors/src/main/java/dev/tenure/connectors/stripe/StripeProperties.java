package dev.tenure.connectors.stripe;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Stripe settings, {@code tenure.stripe.*}: the endpoint's signing secret ({@code whsec_...}, environment
 * variable TENURE_STRIPE_SIGNING_SECRET), how far a signature's timestamp may be from now, and the field
 * of the event's {@code data.object} that holds the Tenure account id.
 */
@ConfigurationProperties("tenure.stripe")
public record StripeProperties(String signingSecret, Duration tolerance, String accountField) {

    public static final String CUSTOMER = "customer";

    public StripeProperties {
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        accountField = accountField == null || accountField.isBlank() ? "metadata.tenure_account_id" : accountField.trim();
    }

    public boolean signed() {
        return signingSecret != null && !signingSecret.isBlank();
    }
}
