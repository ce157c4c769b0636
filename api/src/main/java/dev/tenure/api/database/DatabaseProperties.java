package dev.tenure.api.database;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How requests meet an unreachable PostgreSQL ({@code tenure.database.*}).
 *
 * @param connectionWait how long a request waits for a database connection before it is answered 503 (the
 *                       connection pool's connection timeout): from 250ms, Hikari's floor, to 30s
 * @param retryAfter     the {@code Retry-After} such an answer carries: when a sender should try again
 */
@ConfigurationProperties("tenure.database")
@Validated
public record DatabaseProperties(@DefaultValue("3s") @NotNull Duration connectionWait,
                                 @DefaultValue("10s") @NotNull Duration retryAfter) {

    static final Duration SHORTEST_WAIT = Duration.ofMillis(250);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    public DatabaseProperties {
        if (connectionWait != null && (connectionWait.compareTo(SHORTEST_WAIT) < 0 || connectionWait.compareTo(LONGEST_WAIT) > 0)) {
            throw new IllegalArgumentException("tenure.database.connection-wait must be from 250ms to 30s, was " + connectionWait);
        }
        if (retryAfter != null && (retryAfter.toSeconds() < 1 || retryAfter.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException("tenure.database.retry-after must be from 1s to 1h, was " + retryAfter);
        }
    }

    /** Whole seconds, as {@code Retry-After} counts them. */
    public long retryAfterSeconds() {
        return retryAfter.toSeconds();
    }
}
