package dev.tenure.api.slack;

/** Where a post of a task to Slack stands: waiting (to be sent or retried), sent, or given up. */
public enum PostStatus {
    PENDING, SENT, FAILED
}
