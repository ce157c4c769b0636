package dev.tenure.connectors.zendesk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Zendesk settings, {@code tenure.zendesk.*}: the field of the {@code ticket} that holds the Tenure account id. */
@ConfigurationProperties("tenure.zendesk")
public record ZendeskProperties(String accountField) {

    public ZendeskProperties {
        accountField = accountField == null || accountField.isBlank() ? "organization.external_id" : accountField.trim();
    }
}
