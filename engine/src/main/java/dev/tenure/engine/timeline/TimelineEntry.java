package dev.tenure.engine.timeline;

import java.time.Instant;

/** One thing that happened at an account; {@code ref} points at the record, e.g. "task:12". */
public record TimelineEntry(String accountId, Instant at, String type, String summary, String ref) {
}
