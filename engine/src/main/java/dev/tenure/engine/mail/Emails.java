package dev.tenure.engine.mail;

import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.plays.Why;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
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
    private final JdbcTemplate batch;
    private final JsonColumns json;

    public Emails(JdbcClient jdbc, JdbcTemplate batch, JsonColumns json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** The emails these steps have written so far, by step id. */
    Map<Long, Email> ofSteps(Collection<Long> stepIds) {
        Map<Long, Email> written = new HashMap<>();
        jdbc.sql(SELECT + " WHERE e.step_id = ANY(?)").param(stepIds.toArray(Long[]::new))
                .query((rs, n) -> Map.entry(rs.getLong("step_id"), email(rs, n))).list()
                .forEach(e -> written.put(e.getKey(), e.getValue()));
        return written;
    }

    /**
     * Records new emails in one round trip, all with this status (SENDING: the first attempt is about to
     * be made; KEPT: no SMTP server); returns their ids by step id.
     */
    Map<Long, Long> createAll(List<OutgoingEmail> outgoing, EmailStatus status, Instant now) {
        Timestamp at = Timestamp.from(now);
        int attempts = status == EmailStatus.SENDING ? 1 : 0;
        batch.batchUpdate("""
                        INSERT INTO email (account_id, run_id, step_id, message_id, recipient, subject, body, status,
                                           created_at, attempts, unsubscribe_url)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", outgoing, outgoing.size(), (ps, e) -> {
            ps.setString(1, e.accountId());
            ps.setObject(2, e.runId());
            ps.setLong(3, e.stepId());
            ps.setString(4, Outbox.messageIdOf(e.stepId()));
            ps.setString(5, e.recipient());
            ps.setString(6, e.email().subject());
            ps.setString(7, e.email().html());
            ps.setString(8, status.name());
            ps.setTimestamp(9, at);
            ps.setInt(10, attempts);
            ps.setString(11, e.email().unsubscribeUrl());
        });
        Map<Long, Long> ids = new HashMap<>();
        jdbc.sql("SELECT step_id, id FROM email WHERE step_id = ANY(?)")
                .param(outgoing.stream().map(OutgoingEmail::stepId).toArray(Long[]::new))
                .query(rs -> {
                    ids.put(rs.getLong(1), rs.getLong(2));
                });
        return ids;
    }

    /** Records another attempt at each of these emails; returns each attempt's number by email id. */
    Map<Long, Integer> sendingAgain(Collection<Long> ids) {
        Map<Long, Integer> attempts = new HashMap<>();
        jdbc.sql("UPDATE email SET status = 'SENDING', attempts = attempts + 1 WHERE id = ANY(?) RETURNING id, attempts")
                .param(ids.toArray(Long[]::new))
                .query(rs -> {
                    attempts.put(rs.getLong(1), rs.getInt(2));
                });
        return attempts;
    }

    /** Records one email as accepted by SMTP: one statement, so outside a transaction it commits alone. */
    void markSent(long id, Instant now) {
        jdbc.sql("UPDATE email SET status = 'SENT', error = NULL, sent_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id).update();
    }

    /** Records what became of a batch of attempts, in one round trip. */
    void markAll(List<Delivery> deliveries, Instant now) {
        Timestamp at = Timestamp.from(now);
        batch.batchUpdate("UPDATE email SET status = ?, error = ?, sent_at = ? WHERE id = ?", deliveries, deliveries.size(),
                (ps, d) -> {
                    ps.setString(1, d.status().name());
                    ps.setString(2, d.error());
                    ps.setTimestamp(3, d.status() == EmailStatus.SENT ? at : null);
                    ps.setLong(4, d.emailId());
                });
    }

    /** An email withdrawn: {@code why} its step ended, as given. */
    record Withdrawn(long id, String accountId, String recipient, String subject, String why) {
    }

    /**
     * Withdraws the emails of these steps that wait for another attempt (RETRYING, or SENDING left by a node that
     * died), each with why its step ended; the error of its last attempt is kept after it. One round trip; returns
     * those withdrawn, by id.
     */
    List<Withdrawn> withdraw(Map<Long, String> whyByStep) {
        Long[] steps = whyByStep.keySet().toArray(Long[]::new);
        String[] whys = java.util.Arrays.stream(steps).map(whyByStep::get).toArray(String[]::new);
        return jdbc.sql("""
                        UPDATE email e SET status = 'WITHDRAWN',
                               error = 'not sent: its step was ' || w.why
                                       || CASE WHEN e.status = 'RETRYING' AND e.error IS NOT NULL
                                               THEN '; attempt ' || e.attempts || ' failed: ' || e.error ELSE '' END
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS text[])) AS w(step_id, why)
                        WHERE e.step_id = w.step_id AND e.status IN ('SENDING', 'RETRYING')
                        RETURNING e.id, e.account_id, e.recipient, e.subject, w.why""")
                .params(steps, whys)
                .query((rs, n) -> new Withdrawn(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list().stream().sorted(java.util.Comparator.comparingLong(Withdrawn::id)).toList();
    }

    /** The email a play step wrote, if it has written one yet: a step writes at most one. */
    Optional<Email> ofStep(long stepId) {
        return jdbc.sql(SELECT + " WHERE e.step_id = ?").param(stepId).query(this::email).optional();
    }

    public Optional<Email> find(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query(this::email).optional();
    }

    public List<Email> list(String accountId, int limit) {
        return list(accountId, limit, 0);
    }

    /** The emails written, newest first, from the {@code offset}-th; of one account when {@code accountId} is given. */
    public List<Email> list(String accountId, int limit, long offset) {
        return jdbc.sql(SELECT + " WHERE (CAST(? AS text) IS NULL OR e.account_id = ?) ORDER BY e.id DESC LIMIT ? OFFSET ?")
                .params(accountId, accountId, limit, offset).query(this::email).list();
    }

    /**
     * The latest emails, newest first, whose account's name, account id, recipient, subject or status contain
     * {@code text} (any case): a search reaches every email, however old, not only the latest written.
     */
    public List<Email> matching(String text, int limit) {
        return jdbc.sql(SELECT + """
                         LEFT JOIN account a ON a.id = e.account_id
                        WHERE strpos(lower(concat_ws(' ', a.name, e.account_id, e.recipient, e.subject, e.status)), lower(?)) > 0
                        ORDER BY e.id DESC LIMIT ?""")
                .params(text, limit).query(this::email).list();
    }

    /** How many emails {@link #list} can page through. */
    public long count(String accountId) {
        return jdbc.sql("SELECT count(*) FROM email WHERE (CAST(? AS text) IS NULL OR account_id = ?)")
                .params(accountId, accountId).query(Long.class).single();
    }

    private Email email(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule_name");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Email(rs.getLong("id"), rs.getString("account_id"), (Long) rs.getObject("run_id"),
                rs.getString("message_id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                EmailStatus.valueOf(rs.getString("status")), rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(),
                rule == null ? null : new Why(rule, rs.getString("rule_set_version"), json.facts(rs.getString("matched_facts"))),
                rs.getInt("attempts"), rs.getString("unsubscribe_url"));
    }

}
