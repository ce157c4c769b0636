package dev.tenure.api.slack;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How new high-priority tasks reach Slack ({@code tenure.slack.*}).
 *
 * @param enabled        whether this node posts at all (every node may: two never post one task twice)
 * @param pollEvery      how often new tasks are looked for and due posts sent
 * @param maxAttempts    attempts of one post before it is given up as FAILED (on the account's timeline)
 * @param firstRetry     the wait after the first failed attempt; each later wait doubles, up to an hour
 * @param timeout        how long one call to Slack may take, connecting and answering
 * @param lookback       tasks created longer ago than this when first seen are not posted (a node that was
 *                       down a week does not flood the channel with last week's tasks)
 * @param plainHttpHosts hosts a webhook may address over plain http (a relay on the same network); every
 *                       other webhook must be https
 */
@ConfigurationProperties("tenure.slack")
@Validated
record SlackProperties(@DefaultValue("true") boolean enabled,
                       @DefaultValue("5s") @NotNull Duration pollEvery,
                       @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
                       @DefaultValue("30s") @NotNull Duration firstRetry,
                       @DefaultValue("10s") @NotNull Duration timeout,
                       @DefaultValue("1d") @NotNull Duration lookback,
                       @DefaultValue("") List<String> plainHttpHosts) {

    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    SlackProperties {
        positive("poll-every", pollEvery);
        positive("timeout", timeout);
        positive("lookback", lookback);
        if (firstRetry != null && firstRetry.isNegative()) {
            throw new IllegalArgumentException("tenure.slack.first-retry must not be negative, was " + firstRetry);
        }
        plainHttpHosts = plainHttpHosts == null ? List.of() : plainHttpHosts.stream().filter(h -> !h.isBlank())
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The wait after the given number of failed attempts: firstRetry, doubled each time, at most an hour. */
    Duration waitAfter(int failedAttempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static void positive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("tenure.slack." + name + " must be positive, was " + value);
        }
    }
}
