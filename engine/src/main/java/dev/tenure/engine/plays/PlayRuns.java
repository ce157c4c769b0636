package dev.tenure.engine.plays;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Play runs and their steps. A run and all its steps are written together, in the caller's
 * transaction, with why the run started.
 */
@Repository
public class PlayRuns {

    private static final Logger log = LoggerFactory.getLogger(PlayRuns.class);


    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Accounts accounts;
    private final Contacts contacts;
    private final PlayStarts starts;

    public PlayRuns(JdbcClient jdbc, JsonColumns json, Timeline timeline, Accounts accounts, Contacts contacts,
                    EngineProperties engine, SendWindowProperties sendWindow, StartGuard guard, HoldoutDraw holdouts) {
        this.jdbc = jdbc;
        this.json = json;
        this.accounts = accounts;
        this.contacts = contacts;
        this.starts = new PlayStarts(jdbc, json, timeline, guard, holdouts,
                new StepPlacement(engine.defaultTimezone(), sendWindow.hours()));
    }

    /**
     * Starts the play unless the {@link StartGuard} refuses: it is running (or paused) for the account or
     * started within its cooldown; a cancelled run no longer blocks, its cooldown still does. The account
     * row must be locked by the caller so two evaluations cannot both pass this check.
     * <p>
     * An eligible account the {@link HoldoutDraw} holds out gets a run with status HOLDOUT and no steps,
     * with its why and on the timeline, and nothing is returned: no play started, but the cooldown counts
     * from it as from a run, and its outcome is measured against the enrolled runs'.
     */
    public Optional<StartedRun> start(String accountId, PlayDefinition play, Why why, Instant now) {
        Account account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException(
                "account " + accountId + " is not stored; play " + play.id() + " cannot place its steps"));
        return startAll(List.of(new PlayStart(account, contacts.of(accountId), play, why)), now).get(0);
    }

    /**
     * Starts these plays as {@link #start} does each, in order, in a few statements for all of them: a start
     * is weighed against the runs stored and those started before it in the list. The accounts' rows must be
     * locked by the caller. Returns what each start did: the run started, or empty.
     */
    public List<Optional<StartedRun>> startAll(List<PlayStart> starts, Instant now) {
        if (starts.isEmpty()) {
            return List.of();
        }
        return this.starts.startAll(starts, now);
    }

    /**
     * Ends each of these runs once none of its steps is still scheduled, in the transaction of the step worker that
     * holds the steps it ran, without waiting for a run another transaction holds; returns the runs it left for that
     * reason, for {@link #completeOnceFree} after the worker's commit.
     * <p>
     * It must not wait: what holds a run while a worker holds one of its steps is a change of the run by hand or a
     * churn ({@link PlayRunChanges}), which locked the run first and waits for that step. Waiting for the run here, the
     * worker's last step would close the circle, and PostgreSQL would roll one of them back as a deadlock's victim. A
     * cancel or a churn ends the run itself once the worker lets go; a pause finding no step left is refused.
     */
    public List<Long> completeIfDone(java.util.Collection<Long> runIds, Instant now) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        List<Long> done = jdbc.sql("SELECT r.id FROM play_run r WHERE r.id = ANY(?) AND r.status = 'RUNNING' AND " + NOTHING_SCHEDULED)
                .param(runIds.toArray(Long[]::new)).query(Long.class).list();
        if (done.isEmpty()) {
            return List.of();
        }
        List<Long> completed = jdbc.sql("""
                        UPDATE play_run r SET status = 'COMPLETED', ended_at = ?
                        WHERE r.id IN (SELECT id FROM play_run WHERE id = ANY(?) FOR NO KEY UPDATE SKIP LOCKED)
                          AND r.status = 'RUNNING' AND\s""" + NOTHING_SCHEDULED + " RETURNING r.id")
                .params(Timestamp.from(now), done.toArray(Long[]::new)).query(Long.class).list();
        return done.stream().filter(id -> !completed.contains(id)).toList();
    }

    /**
     * Ends each of these runs once none of its steps is still scheduled, waiting for whatever holds one: for a
     * transaction that holds none of their steps, as a worker's after it committed the runs {@link #completeIfDone}
     * left. A run a churn or a cancel stopped meanwhile, or a pause, is left as they left it.
     */
    public void completeOnceFree(java.util.Collection<Long> runIds, Instant now) {
        if (runIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE play_run r SET status = 'COMPLETED', ended_at = ? WHERE r.id = ANY(?) AND r.status = 'RUNNING' AND "
                        + NOTHING_SCHEDULED)
                .params(Timestamp.from(now), runIds.toArray(Long[]::new)).update();
    }

    /**
     * Completes up to {@code limit} runs left running with nothing scheduled, skipping any run another transaction
     * holds; returns how many. A worker completes its run after its batch commits ({@link #completeOnceFree}); if that
     * second transaction never happens (the node stopped between the two, the database was briefly gone), the run
     * would stay RUNNING for ever: counted as running by the guardrails, so its play never started again there.
     */
    public int completeStranded(Instant now, int limit) {
        return jdbc.sql("""
                        UPDATE play_run r SET status = 'COMPLETED', ended_at = ?
                        WHERE r.id IN (SELECT p.id FROM play_run p WHERE p.status = 'RUNNING'
                                         AND NOT EXISTS (SELECT 1 FROM play_step s WHERE s.run_id = p.id AND s.status = 'SCHEDULED')
                                       ORDER BY p.id LIMIT ? FOR NO KEY UPDATE SKIP LOCKED)
                          AND r.status = 'RUNNING' AND\s""" + NOTHING_SCHEDULED)
                .params(Timestamp.from(now), limit).update();
    }

    private static final String NOTHING_SCHEDULED =
            "NOT EXISTS (SELECT 1 FROM play_step s WHERE s.run_id = r.id AND s.status = 'SCHEDULED')";

    /** The states and the whys of a batch's runs, by run id. */
    public Map<Long, RunState> states(java.util.Collection<Long> runIds) {
        Map<Long, RunState> states = new java.util.HashMap<>();
        jdbc.sql("SELECT id, account_id, play_name, status, started_at, stop_when, audience FROM play_run WHERE id = ANY(?)")
                .param(runIds.toArray(Long[]::new))
                .query(rs -> {
                    RunState state = runState(rs);
                    states.put(state.id(), state);
                });
        return states;
    }

    public Map<Long, Why> whys(java.util.Collection<Long> runIds) {
        Map<Long, Why> whys = new java.util.HashMap<>();
        jdbc.sql("SELECT id, rule_name, rule_set_version, matched_facts FROM play_run WHERE id = ANY(?)")
                .param(runIds.toArray(Long[]::new))
                .query(rs -> {
                    whys.put(rs.getLong("id"), whyRow(rs, 0));
                });
        return whys;
    }

    private RunState runState(ResultSet rs) throws SQLException {
        String stopWhen = rs.getString("stop_when");
        return new RunState(rs.getLong("id"), rs.getString("account_id"), rs.getString("play_name"),
                RunStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                stopWhen == null ? StopWhen.NEVER : json.read(stopWhen, StopWhen.class), Audience.valueOf(rs.getString("audience")));
    }

    /** What a due step needs to know about its run to decide whether it still applies. */
    public Optional<RunState> state(long runId) {
        return jdbc.sql("SELECT id, account_id, play_name, status, started_at, stop_when, audience FROM play_run WHERE id = ?")
                .param(runId)
                .query((rs, n) -> runState(rs))
                .optional();
    }

    public Optional<Why> why(long runId) {
        return jdbc.sql("SELECT rule_name, rule_set_version, matched_facts FROM play_run WHERE id = ?")
                .param(runId).query(this::whyRow).optional();
    }

    public Optional<PlayRunView> find(long runId) {
        return jdbc.sql(RUN_SELECT + " WHERE id = ?").param(runId).query(this::view).optional();
    }

    public List<PlayRunView> list(String accountId, RunStatus status, int limit) {
        return list(accountId, null, status, limit, 0);
    }

    /**
     * Play runs, the latest started first, from the {@code offset}-th: of one account, of the accounts one CSM
     * is CSM of ({@code csm}), of one status; each null for any.
     */
    public List<PlayRunView> list(String accountId, String csm, RunStatus status, int limit, long offset) {
        String name = name(status);
        return jdbc.sql(RUN_SELECT + " " + RUNS_WHERE + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(accountId, accountId, csm, csm, name, name, limit, offset).query(this::view).list();
    }

    /**
     * The latest runs of one status (any when null), latest started first, whose account's name, account id, play or
     * rule contain {@code text} (any case): a search reaches every run, however old.
     */
    public List<PlayRunView> matching(String text, RunStatus status, int limit) {
        String name = name(status);
        return jdbc.sql(RUN_SELECT + """
                         WHERE (CAST(? AS text) IS NULL OR status = ?)
                           AND strpos(lower(concat_ws(' ', (SELECT a.name FROM account a WHERE a.id = play_run.account_id),
                                                     account_id, play_name, rule_name)), lower(?)) > 0
                        ORDER BY started_at DESC, id DESC LIMIT ?""")
                .params(name, name, text, limit).query(this::view).list();
    }

    /** How many runs {@link #list(String, String, RunStatus, int, long)} can page through. */
    public long count(String accountId, String csm, RunStatus status) {
        String name = name(status);
        return jdbc.sql("SELECT count(*) FROM play_run " + RUNS_WHERE)
                .params(accountId, accountId, csm, csm, name, name).query(Long.class).single();
    }

    private static String name(RunStatus status) {
        return status == null ? null : status.name();
    }

    private static final String RUNS_WHERE = """
             WHERE (CAST(? AS text) IS NULL OR account_id = ?)
               AND (CAST(? AS text) IS NULL OR account_id IN (SELECT id FROM account WHERE lower(csm) = lower(?)))
               AND (CAST(? AS text) IS NULL OR status = ?)""";

    public List<PlayStep> steps(long runId) {
        return jdbc.sql(STEP_SELECT + " WHERE run_id = ? ORDER BY position").param(runId).query(this::step).list();
    }

    static final String STEP_SELECT = """
            SELECT id, run_id, account_id, position, type, definition, due_at, status, executed_at, result FROM play_step
            """;

    private static final String RUN_SELECT = """
            SELECT id, account_id, play_id, play_name, status, started_at, ended_at, rule_name, rule_set_version,
                   matched_facts FROM play_run
            """;

    PlayStep step(ResultSet rs, int n) throws SQLException {
        Timestamp executed = rs.getTimestamp("executed_at");
        return new PlayStep(rs.getLong("id"), rs.getLong("run_id"), rs.getString("account_id"), rs.getInt("position"),
                StepType.valueOf(rs.getString("type")), definition(rs.getLong("id"), rs.getString("definition")),
                rs.getTimestamp("due_at").toInstant(), StepStatus.valueOf(rs.getString("status")),
                executed == null ? null : executed.toInstant(), rs.getString("result"));
    }

    /**
     * A step's stored definition, or null when it does not read back: that step then fails alone with the
     * reason (see {@code StepActions}), instead of failing every batch it is claimed in.
     */
    private StepDefinition definition(long stepId, String text) {
        try {
            return json.read(text, StepDefinition.class);
        } catch (IllegalStateException e) {
            log.warn("The stored definition of step {} does not read back; the step will fail alone", stepId, e);
            return null;
        }
    }

    private PlayRunView view(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        Timestamp ended = rs.getTimestamp("ended_at");
        return new PlayRunView(id, rs.getString("account_id"), rs.getString("play_id"), rs.getString("play_name"),
                RunStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(), whyRow(rs, n), steps(id));
    }

    private Why whyRow(ResultSet rs, int n) throws SQLException {
        return new Why(rs.getString("rule_name"), rs.getString("rule_set_version"), json.facts(rs.getString("matched_facts")));
    }



}
