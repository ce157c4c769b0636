package dev.tenure.api.slack;

/** Whose new high-priority tasks a webhook hears of: one CSM's, or every CSM's (a team channel). */
public enum WebhookScope {
    CSM, TEAM
}
