package dev.tenure.engine.vocabulary;

import java.time.Instant;

/** A journey milestone an account reached, and when. */
public record Milestone(String accountId, MilestoneType type, Instant reachedAt) {
}
