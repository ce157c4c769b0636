package dev.tenure.engine.mail;

import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.plays.Why;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The email log. */
@Repository
public class Emails {

    private static final String SELECT = """
            SELECT e.*, r.rule_name, r.rule_set_version, r.matched_facts
            FROM email e LEFT JOIN play_run r ON r.id = e.run_id
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public Emails(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long create(String accountId, Long runId, Long stepId, String messageId, String recipient, RenderedEmail email,
                EmailStatus status, String error, Instant now) {
        return jdbc.sql("""
                        INSERT INTO email (account_id, run_id, step_id, message_id, recipient, subject, body, status,
                                           error, created_at, sent_at, unsubscribe_url)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(accountId, runId, stepId, messageId, recipient, email.subject(), email.html(), status.name(),
                        error, Timestamp.from(now), status == EmailStatus.SENT ? Timestamp.from(now) : null,
                        email.unsubscribeUrl())
                .query(Long.class).single();
    }

    /** The email a play step wrote, if it has written one yet: a step writes at most one. */
    Optional<Email> ofStep(long stepId) {
        return jdbc.sql(SELECT + " WHERE e.step_id = ?").param(stepId).query(this::email).optional();
    }

    /** Records a new email as about to be handed to SMTP: its first attempt. */
    long createSending(String accountId, Long runId, Long stepId, String messageId, String recipient,
                       RenderedEmail email, Instant now) {
        return jdbc.sql("""
                        INSERT INTO email (account_id, run_id, step_id, message_id, recipient, subject, body, status,
                                           created_at, attempts, unsubscribe_url)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'SENDING', ?, 1, ?) RETURNING id""")
                .params(accountId, runId, stepId, messageId, recipient, email.subject(), email.html(), Timestamp.from(now),
                        email.unsubscribeUrl())
                .query(Long.class).single();
    }

    /** Records another attempt at an email already written; returns the attempt's number. */
    int sendingAgain(long id) {
        return jdbc.sql("UPDATE email SET status = 'SENDING', attempts = attempts + 1 WHERE id = ? RETURNING attempts")
                .param(id).query(Integer.class).single();
    }

    void mark(long id, EmailStatus status, String error, Instant now) {
        jdbc.sql("UPDATE email SET status = ?, error = ?, sent_at = ? WHERE id = ?")
                .params(status.name(), error, status == EmailStatus.SENT ? Timestamp.from(now) : null, id).update();
    }

    public Optional<Email> find(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query(this::email).optional();
    }

    public List<Email> list(String accountId, int limit) {
        return jdbc.sql(SELECT + " WHERE (CAST(? AS text) IS NULL OR e.account_id = ?) ORDER BY e.id DESC LIMIT ?")
                .params(accountId, accountId, limit).query(this::email).list();
    }

    private Email email(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule_name");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Email(rs.getLong("id"), rs.getString("account_id"), (Long) rs.getObject("run_id"),
                rs.getString("message_id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                EmailStatus.valueOf(rs.getString("status")), rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(),
                rule == null ? null : new Why(rule, rs.getString("rule_set_version"), json.map(rs.getString("matched_facts"))),
                rs.getInt("attempts"), rs.getString("unsubscribe_url"));
    }

}
