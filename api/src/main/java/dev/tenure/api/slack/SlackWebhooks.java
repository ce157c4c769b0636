package dev.tenure.api.slack;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The configured webhooks. Nothing here hands a webhook's address back but the poster's query. */
@Repository
class SlackWebhooks {

    private final JdbcClient jdbc;

    SlackWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long add(WebhookScope scope, String csm, String channel, WebhookUrl url, String createdBy, Instant now) {
        return jdbc.sql("""
                        INSERT INTO slack_webhook (scope, csm, channel, url, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(scope.name(), csm == null ? null : csm.toLowerCase(Locale.ROOT), channel, url.url(), createdBy,
                        Timestamp.from(now))
                .query(Long.class).single();
    }

    /** Every webhook, the team's first, with how many posts went out and failed. */
    List<SlackWebhook> list() {
        return jdbc.sql("""
                        SELECT w.*, count(p.id) FILTER (WHERE p.status = 'SENT') AS sent,
                               count(p.id) FILTER (WHERE p.status = 'FAILED') AS failed
                        FROM slack_webhook w LEFT JOIN slack_post p ON p.webhook_id = w.id
                        GROUP BY w.id ORDER BY w.scope DESC, w.csm, w.id""")
                .query((rs, n) -> new SlackWebhook(rs.getLong("id"), WebhookScope.valueOf(rs.getString("scope")),
                        rs.getString("csm"), rs.getString("channel"), new WebhookUrl(rs.getString("url")).masked(),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                        rs.getInt("sent"), rs.getInt("failed")))
                .list();
    }

    /** A webhook's address and channel, for a test message. */
    Optional<Addressed> address(long id) {
        return jdbc.sql("SELECT channel, url FROM slack_webhook WHERE id = ?").param(id)
                .query((rs, n) -> new Addressed(rs.getString("channel"), new WebhookUrl(rs.getString("url")))).optional();
    }

    record Addressed(String channel, WebhookUrl url) {
    }

    /** Removes a webhook and its posts (those still waiting are not sent); false when there was none. */
    boolean remove(long id) {
        return jdbc.sql("DELETE FROM slack_webhook WHERE id = ?").param(id).update() == 1;
    }
}
