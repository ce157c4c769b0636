package dev.tenure.api.slack;

import java.time.Instant;

/**
 * A configured webhook as pages see it: its address only masked.
 *
 * @param csm     the CSM whose tasks it hears of; null for a team webhook
 * @param channel what people call the channel ("#cs-alerts"), for pages and the timeline
 */
public record SlackWebhook(long id, WebhookScope scope, String csm, String channel, String maskedUrl, String createdBy,
                    Instant createdAt, int sent, int failed) {

    /** Whose tasks, in words. */
    public String whose() {
        return scope == WebhookScope.TEAM ? "every CSM (team)" : csm;
    }
}
