package dev.tenure.engine.plays;

import java.time.Instant;
import java.util.List;

/** A play run with its steps and why it started, as the API shows it. */
public record PlayRunView(long id, String accountId, String play, String playName, RunStatus status, Instant startedAt,
                          Instant endedAt, Why why, List<PlayStep> steps) {
}
