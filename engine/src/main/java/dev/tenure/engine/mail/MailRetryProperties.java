package dev.tenure.engine.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How often an email step is tried again when SMTP is down or answers 4xx ({@code tenure.mail.retry.*}).
 *
 * @param maxAttempts sends in all, the first included; after the last the step fails
 * @param backoff     the wait before the 2nd, 3rd, ... attempt; the last value repeats if there are more attempts
 */
@ConfigurationProperties("tenure.mail.retry")
public record MailRetryProperties(@DefaultValue("4") int maxAttempts,
                                  @DefaultValue({"1m", "5m", "15m"}) List<Duration> backoff) {

    public MailRetryProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tenure.mail.retry.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (backoff == null || backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("tenure.mail.retry.backoff must list positive durations, was " + backoff);
        }
        backoff = List.copyOf(backoff);
    }

    /** When to try again after the given attempt (1 = the first) failed. */
    Instant nextAttempt(int failedAttempt, Instant now) {
        return now.plus(backoff.get(Math.min(failedAttempt, backoff.size()) - 1));
    }
}
