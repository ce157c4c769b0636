package dev.tenure.api.slack;

/**
 * Where a post of a task to Slack stands: waiting (to be sent or retried), sent, given up, or withdrawn (its task
 * was closed before it went out, as a churn closes its account's tasks).
 */
public enum PostStatus {
    PENDING, SENT, FAILED, WITHDRAWN
}
