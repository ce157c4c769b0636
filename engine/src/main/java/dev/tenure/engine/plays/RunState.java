package dev.tenure.engine.plays;

import java.time.Instant;

/** A run's status, start and stop condition: what decides whether its due steps still apply. */
public record RunState(long id, String accountId, String playName, String status, Instant startedAt,
                       StopWhen stopWhen) {
}
