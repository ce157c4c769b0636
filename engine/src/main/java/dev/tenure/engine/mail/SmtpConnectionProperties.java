package dev.tenure.engine.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a batch of emails is handed to SMTP ({@code tenure.mail.*}).
 *
 * @param connections SMTP connections one batch is sent over side by side; each message costs a few round
 *                    trips, so one connection waits on the server most of the time
 */
@ConfigurationProperties("tenure.mail")
public record SmtpConnectionProperties(@DefaultValue("4") int connections) {

    public SmtpConnectionProperties {
        if (connections < 1) {
            throw new IllegalArgumentException("tenure.mail.connections must be at least 1, was " + connections);
        }
    }
}
