package dev.tenure.engine.plays;

import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pausing, resuming and cancelling a run by hand, each in the caller's transaction and on the account's
 * timeline with who did it; and stopping an account's runs when it churns or comes back ({@link #stopFor}). The run row is locked first, so two requests cannot both pass a state check.
 * A run in the wrong state for the change is an {@link IllegalStateException}.
 * <p>
 * The run row is locked FOR NO KEY UPDATE, not FOR UPDATE: a step worker may hold one of the run's steps, which the
 * change waits for, while it writes that step's task or email row, whose foreign key takes a key-share lock on the
 * run. FOR UPDATE would make that wait for the change: a deadlock for a task, and for an email (written in a
 * transaction of its own) a wait that nothing ends. Nor does the worker wait for the run at its end, when the step it
 * ran was the run's last and it would complete the run ({@link PlayRuns#completeIfDone}): the change holding the run
 * ends it, or the worker does once the change has let go.
 */
@Repository
public class PlayRunChanges {

    /** The result {@link #stopFor} leaves on a stopped run's steps: how a run stopped for that reason is told later. */
    public static String stoppedResult(String reason) {
        return "stopped: " + reason;
    }

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final StartGuard guard;

    public PlayRunChanges(JdbcClient jdbc, Timeline timeline, ApplicationEventPublisher events, StartGuard guard) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.events = events;
        this.guard = guard;
    }

    /**
     * Its scheduled steps become PAUSED, which the due-steps drain never claims. A run with no step left to pause is
     * refused: its last step ran while the pause waited for the worker holding it, and the worker, which could not
     * end the run the pause held ({@link PlayRuns#completeIfDone}), ends it once the pause has let go.
     */
    public void pause(long runId, String by, Instant now) {
        Locked run = lock(runId, Set.of(RunStatus.RUNNING), "paused");
        int paused = jdbc.sql("UPDATE play_step SET status = 'PAUSED' WHERE run_id = ? AND status = 'SCHEDULED'").param(runId).update();
        if (paused == 0) {
            throw new IllegalStateException("play run " + runId + " has no step left to pause; it is ending");
        }
        jdbc.sql("UPDATE play_run SET status = 'PAUSED', paused_at = ? WHERE id = ?")
                .params(Timestamp.from(now), runId).update();
        record(runId, run, now, "play.paused", "paused by " + by);
    }

    /**
     * Every paused step is due later by as long as the run was paused, so the play keeps its rhythm.
     * Returns the new due times, for the scheduler to be woken for. A resume is a start again: the start guard
     * refuses it when the account is not one the play is for (a run its churn did not stop, as the lifecycle
     * migration left them). The guard holds the account before the run is locked, the order a churn takes them
     * in: the other way round, a resume and a churn at once would each hold what the other waits for.
     */
    public List<Instant> resume(long runId, String by, Instant now) {
        record Of(String accountId, Audience audience) {
        }
        Of of = jdbc.sql("SELECT account_id, audience FROM play_run WHERE id = ?").param(runId)
                .query((rs, n) -> new Of(rs.getString(1), Audience.valueOf(rs.getString(2))))
                .optional().orElseThrow(() -> new PlayRunNotFoundException(runId));
        String refused = guard.lifecycleRefusals(List.of(of.accountId()), of.audience()).get(of.accountId());
        Locked run = lock(runId, Set.of(RunStatus.PAUSED), "resumed");
        if (refused != null) {
            throw new IllegalStateException("play run " + runId + " of account " + run.accountId() + " cannot be resumed: " + refused);
        }
        Duration paused = Duration.between(run.pausedAt(), now);
        List<Instant> due = jdbc.sql("""
                        UPDATE play_step SET status = 'SCHEDULED', due_at = due_at + (CAST(? AS timestamptz) - CAST(? AS timestamptz))
                        WHERE run_id = ? AND status = 'PAUSED' RETURNING due_at""")
                .params(Timestamp.from(now), Timestamp.from(run.pausedAt()), runId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        jdbc.sql("UPDATE play_run SET status = 'RUNNING', paused_at = NULL WHERE id = ?").param(runId).update();
        record(runId, run, now, "play.resumed", "resumed by " + by + " after " + readable(paused)
                + "; its remaining steps moved later by as much");
        return due;
    }

    /** Its scheduled and paused steps become CANCELLED, and {@link StepsCancelled} is published for them. */
    public void cancel(long runId, String by, Instant now) {
        Locked run = lock(runId, Set.of(RunStatus.RUNNING, RunStatus.PAUSED), "cancelled");
        String reason = "cancelled by " + by;
        List<Long> steps = jdbc.sql("""
                        UPDATE play_step SET status = 'CANCELLED', executed_at = ?, result = ?
                        WHERE run_id = ? AND status IN ('SCHEDULED', 'PAUSED') RETURNING id""")
                .params(Timestamp.from(now), reason, runId).query(Long.class).list();
        stepsCancelled(steps, reason, now);
        jdbc.sql("UPDATE play_run SET status = 'CANCELLED', ended_at = ?, paused_at = NULL WHERE id = ?")
                .params(Timestamp.from(now), runId).update();
        record(runId, run, now, "play.cancelled", "cancelled by " + by);
    }

    /**
     * Stops every running or paused run of the account whose play is not for accounts at {@code stage} (an
     * account that churned stops its plays for customers; one that came back, its win-back plays): the
     * remaining steps become CANCELLED with the reason, the run CANCELLED, each on the timeline
     * ({@code play.stopped}), and {@link RunsStopped} is published, so the tasks they made leave the inboxes, as is
     * {@link StepsCancelled}, so the emails their steps left waiting are withdrawn.
     * Returns the runs stopped.
     */
    public List<Long> stopFor(String accountId, Stage stage, String reason, Instant now) {
        String[] stopped = java.util.Arrays.stream(Audience.values()).filter(a -> !a.admits(stage)).map(Enum::name)
                .toArray(String[]::new);
        record Stopped(long id, String playName) {
        }
        List<Stopped> runs = jdbc.sql("""
                        SELECT id, play_name FROM play_run WHERE account_id = ? AND status IN ('RUNNING', 'PAUSED')
                          AND audience = ANY(?) ORDER BY id FOR NO KEY UPDATE""")
                .params(accountId, stopped)
                .query((rs, n) -> new Stopped(rs.getLong(1), rs.getString(2))).list();
        if (runs.isEmpty()) {
            events.publishEvent(new RunsStopped(accountId, List.of(), stage, reason, now));
            return List.of();
        }
        Long[] ids = runs.stream().map(Stopped::id).toArray(Long[]::new);
        List<Long> steps = jdbc.sql("""
                        UPDATE play_step SET status = 'CANCELLED', executed_at = ?, result = ?
                        WHERE run_id = ANY(?) AND status IN ('SCHEDULED', 'PAUSED') RETURNING id""")
                .params(Timestamp.from(now), stoppedResult(reason), ids).query(Long.class).list();
        stepsCancelled(steps, stoppedResult(reason), now);
        jdbc.sql("UPDATE play_run SET status = 'CANCELLED', ended_at = ?, paused_at = NULL WHERE id = ANY(?)")
                .params(Timestamp.from(now), ids).update();
        timeline.recordAll(runs.stream().map(r -> new TimelineEntry(accountId, now, "play.stopped",
                "Play \"" + r.playName() + "\" stopped: " + reason, "play:" + r.id())).toList());
        events.publishEvent(new RunsStopped(accountId, List.of(ids), stage, reason, now));
        return List.of(ids);
    }

    /**
     * A cancelled step may have left an email waiting for its next attempt; nothing will make that attempt now. The
     * steps are locked by the update that cancelled them (it waited for any worker holding one), so no worker is
     * sending their emails while they are withdrawn.
     */
    private void stepsCancelled(List<Long> steps, String reason, Instant now) {
        if (!steps.isEmpty()) {
            events.publishEvent(new StepsCancelled(steps, reason, now));
        }
    }

    private Locked lock(long runId, Set<RunStatus> allowed, String change) {
        Locked run = jdbc.sql("SELECT account_id, play_name, status, paused_at FROM play_run WHERE id = ? FOR NO KEY UPDATE")
                .param(runId)
                .query((rs, n) -> new Locked(rs.getString(1), rs.getString(2), RunStatus.valueOf(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .optional().orElseThrow(() -> new PlayRunNotFoundException(runId));
        if (!allowed.contains(run.status())) {
            throw new IllegalStateException(stoppedFor(runId).map(reason -> "play run " + runId + " of account " + run.accountId()
                            + " was stopped: " + reason + "; it cannot be " + change)
                    .orElse("play run " + runId + " is " + run.status() + " and cannot be " + change
                            + " (only a run that is " + String.join(" or ", allowed.stream().map(Enum::name).sorted().toList()) + ")"));
        }
        return run;
    }

    /** The reason {@link #stopFor} stopped the run for (its account churned, or came back), if it did. */
    private Optional<String> stoppedFor(long runId) {
        String prefix = stoppedResult("");
        return jdbc.sql("SELECT result FROM play_step WHERE run_id = ? AND starts_with(result, ?) ORDER BY position LIMIT 1")
                .params(runId, prefix).query(String.class).optional().map(result -> result.substring(prefix.length()));
    }

    private void record(long runId, Locked run, Instant now, String type, String what) {
        timeline.record(new TimelineEntry(run.accountId(), now, type, "Play \"" + run.playName() + "\" " + what,
                "play:" + runId));
    }

    private static String readable(Duration d) {
        return d.toDays() > 0 ? d.toDays() + "d " + d.toHoursPart() + "h"
                : d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m" : d.toMinutes() + "m " + d.toSecondsPart() + "s";
    }

    private record Locked(String accountId, String playName, RunStatus status, Instant pausedAt) {
    }
}
