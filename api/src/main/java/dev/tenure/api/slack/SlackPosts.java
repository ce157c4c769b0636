package dev.tenure.api.slack;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The queue of posts to Slack, in PostgreSQL so that a post survives a restart and two nodes never send one
 * twice: a post is queued once per task and webhook, claimed with {@code SKIP LOCKED} and a lease (a node
 * that dies mid-call leaves it to be claimed again once the lease ends), then marked sent, retried or failed.
 */
@Repository
class SlackPosts {

    private final JdbcClient jdbc;

    SlackPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a post for every high-priority task created since {@code since} (and after its webhook) for each
     * webhook that hears of its owner; returns how many were new. The task's creation never waits on this.
     */
    int queueNewTasks(Instant since, Instant now) {
        return jdbc.sql("""
                        INSERT INTO slack_post (task_id, webhook_id, status, attempts, next_attempt_at, created_at)
                        SELECT t.id, w.id, 'PENDING', 0, :now, :now
                        FROM task t JOIN slack_webhook w ON w.scope = 'TEAM' OR w.csm = t.owner
                        WHERE t.priority = 'HIGH' AND t.status <> 'DONE' AND t.created_at >= :since AND t.created_at <= :now
                          AND t.created_at >= w.created_at
                        ON CONFLICT (task_id, webhook_id) DO NOTHING""")
                .param("since", Timestamp.from(since)).param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Withdraws the waiting posts whose task was closed meanwhile (done, or closed because its account churned): a
     * channel is not told of work nobody is to do any more. Returns how many.
     */
    int withdrawClosed() {
        return jdbc.sql("""
                        UPDATE slack_post p SET status = 'WITHDRAWN', next_attempt_at = NULL,
                               last_error = 'not posted: the task was closed (' || coalesce(t.outcome, 'DONE') || ') before it went out'
                        FROM task t
                        WHERE p.status = 'PENDING' AND t.id = p.task_id AND t.status = 'DONE'""")
                .update();
    }

    /**
     * Claims up to {@code limit} due posts for this node until {@code leaseEnd}, counting the attempt; a post whose
     * task is closed is left to {@link #withdrawClosed}.
     */
    List<Claimed> claimDue(Instant now, Instant leaseEnd, int limit) {
        return jdbc.sql("""
                        UPDATE slack_post p SET attempts = p.attempts + 1, next_attempt_at = :lease
                        FROM task t, account a, slack_webhook w
                        WHERE p.id IN (SELECT id FROM slack_post WHERE status = 'PENDING' AND next_attempt_at <= :now
                                       ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)
                          AND t.id = p.task_id AND t.status <> 'DONE' AND a.id = t.account_id AND w.id = p.webhook_id
                        RETURNING p.id, p.attempts, t.id AS task_id, t.title, t.owner, t.due_at, t.account_id,
                                  a.name AS account_name, w.channel, w.url""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseEnd)).param("limit", limit)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getInt("attempts"), rs.getLong("task_id"),
                        rs.getString("title"), rs.getString("owner"), rs.getTimestamp("due_at").toInstant(),
                        rs.getString("account_id"), rs.getString("account_name"), rs.getString("channel"),
                        new WebhookUrl(rs.getString("url"))))
                .list();
    }

    void sent(long id, Instant now) {
        jdbc.sql("UPDATE slack_post SET status = 'SENT', sent_at = ?, next_attempt_at = NULL WHERE id = ?")
                .params(Timestamp.from(now), id).update();
    }

    void retry(long id, String error, Instant at) {
        jdbc.sql("UPDATE slack_post SET last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(error, Timestamp.from(at), id).update();
    }

    void failed(long id, String error) {
        jdbc.sql("UPDATE slack_post SET status = 'FAILED', last_error = ?, next_attempt_at = NULL WHERE id = ?")
                .params(error, id).update();
    }

    /** The latest posts, newest first. */
    List<SlackPost> recent(int limit) {
        return jdbc.sql("""
                        SELECT p.*, t.title, t.owner, t.account_id, a.name AS account_name, w.channel
                        FROM slack_post p JOIN task t ON t.id = p.task_id JOIN account a ON a.id = t.account_id
                             JOIN slack_webhook w ON w.id = p.webhook_id
                        ORDER BY p.created_at DESC, p.id DESC LIMIT ?""")
                .param(limit).query(this::post).list();
    }

    private SlackPost post(ResultSet rs, int n) throws SQLException {
        return new SlackPost(rs.getLong("id"), rs.getLong("task_id"), rs.getString("title"), rs.getString("account_id"),
                rs.getString("account_name"), rs.getString("owner"), rs.getString("channel"),
                PostStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** A post claimed for sending, with what its message needs. {@code attempt} counts this one. */
    record Claimed(long id, int attempt, long taskId, String title, String owner, Instant dueAt, String accountId,
                   String accountName, String channel, WebhookUrl url) {
    }
}
