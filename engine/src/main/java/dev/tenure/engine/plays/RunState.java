package dev.tenure.engine.plays;

import java.time.Instant;

/**
 * A run's status, start, stop condition and the accounts its play is for: what decides whether its due steps
 * still apply.
 */
public record RunState(long id, String accountId, String playName, RunStatus status, Instant startedAt,
                       StopWhen stopWhen, Audience audience) {

    public RunState {
        audience = audience == null ? Audience.ACTIVE : audience;
    }

    public RunState(long id, String accountId, String playName, RunStatus status, Instant startedAt, StopWhen stopWhen) {
        this(id, accountId, playName, status, startedAt, stopWhen, Audience.ACTIVE);
    }
}
