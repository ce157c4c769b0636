package dev.tenure.engine.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Tasks as the inbox meets them after weeks of plays: with another priority or due time than a fresh play
 * step gives, or made again by the same play started once more for the same account. Writes the rows a
 * play would have written, so the inbox reads them as it reads any.
 */
public final class TaskFixtures {

    private final JdbcClient jdbc;

    public TaskFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the task this priority and due time, as if its play step had. */
    public void made(long task, String priority, Instant dueAt) {
        jdbc.sql("UPDATE task SET priority = ?, due_at = ? WHERE id = ?").params(priority, Timestamp.from(dueAt), task).update();
    }

    /** The task's play started again for the same account and its step made the same task once more: the new task's id. */
    public long duplicateOf(long task, Instant dueAt) {
        long run = jdbc.sql("""
                        INSERT INTO play_run (account_id, play_id, play_name, status, started_at, rule_name, rule_set_version, matched_facts)
                        SELECT account_id, play_id, play_name, status, started_at, rule_name, rule_set_version, matched_facts
                        FROM play_run WHERE id = (SELECT run_id FROM task WHERE id = ?) RETURNING id""")
                .param(task).query(Long.class).single();
        long step = jdbc.sql("""
                        INSERT INTO play_step (run_id, account_id, position, type, definition, due_at, status)
                        SELECT ?, account_id, position, type, definition, due_at, status
                        FROM play_step WHERE id = (SELECT step_id FROM task WHERE id = ?) RETURNING id""")
                .params(run, task).query(Long.class).single();
        return jdbc.sql("""
                        INSERT INTO task (account_id, run_id, step_id, owner, title, details, priority, status, due_at, created_at)
                        SELECT account_id, ?, ?, owner, title, details, priority, 'OPEN', ?, created_at FROM task WHERE id = ?
                        RETURNING id""").params(run, step, Timestamp.from(dueAt), task).query(Long.class).single();
    }
}
