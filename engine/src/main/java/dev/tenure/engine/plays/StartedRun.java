package dev.tenure.engine.plays;

import java.time.Instant;
import java.util.List;

/** A run just started, of which play, and the due times of its steps, so the scheduler can be woken for them. */
public record StartedRun(long runId, String playId, List<Instant> dueTimes) {
}
