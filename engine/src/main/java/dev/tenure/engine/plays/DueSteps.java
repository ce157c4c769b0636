package dev.tenure.engine.plays;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The steps that are due. {@link #claim} locks a batch with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent drains, on this node or another, never take the same step.
 */
@Repository
public class DueSteps {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PlayRuns runs;

    public DueSteps(JdbcClient jdbc, JdbcTemplate batch, PlayRuns runs) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.runs = runs;
    }

    /** A step that ended: DONE, SKIPPED or FAILED, with its reference or reason. */
    public record Finished(long stepId, StepStatus status, String result) {
    }

    /**
     * Must run inside a transaction: the locks hold until it ends. NO KEY UPDATE rather than UPDATE, so
     * the outbox can commit a step's email row (a foreign key to the step) from its own transaction
     * while the drain holds the step.
     */
    public List<PlayStep> claim(Instant now, int limit) {
        // A step waits while an earlier step of its run is also due and not yet done: otherwise two workers
        // could carry out both at once, and a follow-up would not see the task its predecessor is creating.
        return jdbc.sql(PlayRuns.STEP_SELECT + """
                         WHERE status = 'SCHEDULED' AND due_at <= ?
                           AND NOT EXISTS (SELECT 1 FROM play_step earlier
                                           WHERE earlier.run_id = play_step.run_id AND earlier.position < play_step.position
                                             AND earlier.status = 'SCHEDULED' AND earlier.due_at <= ?)
                         ORDER BY due_at, id LIMIT ? FOR NO KEY UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), Timestamp.from(now), limit).query(runs::step).list();
    }

    /** Claims one step by id if it is still scheduled, due or not; empty if it ran or another drain holds it. */
    public List<PlayStep> claimOne(long stepId) {
        return jdbc.sql(PlayRuns.STEP_SELECT + " WHERE id = ? AND status = 'SCHEDULED' FOR NO KEY UPDATE SKIP LOCKED")
                .param(stepId).query(runs::step).list();
    }

    public void finish(long stepId, StepStatus status, String result, Instant now) {
        jdbc.sql("UPDATE play_step SET status = ?, result = ?, executed_at = ? WHERE id = ?")
                .params(status.name(), result, Timestamp.from(now), stepId).update();
    }

    /** Ends a batch's steps in one round trip. */
    public void finish(List<Finished> steps, Instant now) {
        Timestamp at = Timestamp.from(now);
        batch.batchUpdate("UPDATE play_step SET status = ?, result = ?, executed_at = ? WHERE id = ?", steps, steps.size(),
                (ps, step) -> {
                    ps.setString(1, step.status().name());
                    ps.setString(2, step.result());
                    ps.setTimestamp(3, at);
                    ps.setLong(4, step.stepId());
                });
    }

    /** Puts a step back to wait for another attempt; its result says why. */
    public void retryAt(long stepId, Instant dueAt, String reason) {
        jdbc.sql("UPDATE play_step SET due_at = ?, result = ? WHERE id = ?")
                .params(Timestamp.from(dueAt), reason, stepId).update();
    }

    /** The earliest time a step is still waiting for, if any. */
    public java.util.Optional<Instant> nextDue() {
        return jdbc.sql("SELECT min(due_at) FROM play_step WHERE status = 'SCHEDULED'")
                .query((rs, n) -> rs.getTimestamp(1)).optional().filter(t -> t != null).map(Timestamp::toInstant);
    }
}
