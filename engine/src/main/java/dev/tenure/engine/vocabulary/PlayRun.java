package dev.tenure.engine.vocabulary;

import java.time.Instant;

/** A play started for an account; {@code running} until its last step is done or it is cancelled. */
public record PlayRun(long id, String accountId, String play, boolean running, Instant startedAt) {
}
