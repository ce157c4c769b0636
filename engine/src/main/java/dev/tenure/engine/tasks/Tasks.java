package dev.tenure.engine.tasks;

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

/** The task store. A snoozed task is an open one whose snooze has not ended yet. */
@Repository
public class Tasks {

    private static final String SELECT = """
            SELECT t.*, a.name AS account_name, r.rule_name, r.rule_set_version, r.matched_facts,
                   CASE WHEN t.status = 'DONE' THEN 'DONE'
                        WHEN t.snoozed_until > now() THEN 'SNOOZED' ELSE 'OPEN' END AS shown_status
            FROM task t JOIN account a ON a.id = t.account_id LEFT JOIN play_run r ON r.id = t.run_id
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public Tasks(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long create(NewTask t, Instant now) {
        return jdbc.sql("""
                        INSERT INTO task (account_id, run_id, step_id, owner, title, details, priority, status, due_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) RETURNING id""")
                .params(t.accountId(), t.runId(), t.stepId(), t.owner(), t.title(), t.details(), t.priority(),
                        Timestamp.from(t.dueAt()), Timestamp.from(now))
                .query(Long.class).single();
    }

    public Optional<Task> find(long id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(this::task).optional();
    }

    public List<Task> list(TaskQuery q) {
        String status = q.status() == null ? null : q.status().name();
        return jdbc.sql("SELECT * FROM (" + SELECT + """
                        ) x WHERE (CAST(:owner AS text) IS NULL OR owner = :owner)
                          AND (CAST(:account AS text) IS NULL OR account_id = :account)
                          AND (CAST(:status AS text) IS NULL OR shown_status = :status)
                          AND (CAST(:dueBefore AS timestamptz) IS NULL OR due_at <= :dueBefore)
                        ORDER BY CASE priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 1 ELSE 2 END, due_at, id
                        LIMIT :limit""")
                .param("owner", q.owner()).param("account", q.accountId()).param("status", status)
                .param("dueBefore", q.dueBefore() == null ? null : Timestamp.from(q.dueBefore()))
                .param("limit", q.limit())
                .query(this::task).list();
    }

    boolean complete(long id, TaskOutcome outcome, String note, Instant now) {
        return jdbc.sql("UPDATE task SET status = 'DONE', outcome = ?, note = ?, completed_at = ? WHERE id = ? AND status <> 'DONE'")
                .params(outcome.name(), note, Timestamp.from(now), id).update() == 1;
    }

    boolean snooze(long id, Instant until) {
        return jdbc.sql("UPDATE task SET snoozed_until = ? WHERE id = ? AND status <> 'DONE'")
                .params(Timestamp.from(until), id).update() == 1;
    }

    private Task task(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule_name");
        Why why = rule == null ? null : new Why(rule, rs.getString("rule_set_version"), json.map(rs.getString("matched_facts")));
        String outcome = rs.getString("outcome");
        return new Task(rs.getLong("id"), rs.getString("account_id"), rs.getString("account_name"),
                (Long) rs.getObject("run_id"), rs.getString("owner"), rs.getString("title"), rs.getString("details"),
                rs.getString("priority"), TaskStatus.valueOf(rs.getString("shown_status")), instant(rs, "due_at"),
                instant(rs, "snoozed_until"), outcome == null ? null : TaskOutcome.valueOf(outcome), rs.getString("note"),
                instant(rs, "created_at"), instant(rs, "completed_at"), why);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

}
