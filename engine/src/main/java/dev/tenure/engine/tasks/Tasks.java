package dev.tenure.engine.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The task store. A snoozed task is an open one whose snooze has not ended yet. */
@Repository
public class Tasks {

    private static final String SELECT = """
            SELECT t.*, a.name AS account_name, r.rule_name, r.rule_set_version, r.matched_facts, r.play_id,
                   s.definition -> 'checklist' AS checklist, s.position AS step_position,
                   CASE WHEN t.status = 'DONE' THEN 'DONE'
                        WHEN t.snoozed_until > :now THEN 'SNOOZED' ELSE 'OPEN' END AS shown_status
            FROM task t JOIN account a ON a.id = t.account_id LEFT JOIN play_run r ON r.id = t.run_id
                 LEFT JOIN play_step s ON s.id = t.step_id
            """;

    /**
     * Most urgent first: every overdue task (the longest overdue first), then the rest by priority band and,
     * within a band, by due time. Overdue work must never hide below a high-priority task due next week.
     */
    private static final String URGENCY = " " + """
            CASE WHEN shown_status = 'OPEN' AND due_at < :now THEN 0
                 ELSE 1 + CASE priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 1 ELSE 2 END END, due_at, id""";

    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Clock clock;

    public Tasks(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
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
        return jdbc.sql(SELECT + " WHERE t.id = :id").param("id", id).param("now", now()).query(this::task).optional();
    }

    public List<Task> list(TaskQuery q) {
        return list(q, 0);
    }

    /** The tasks the query asks for, most urgent first, from the {@code offset}-th. */
    public List<Task> list(TaskQuery q, long offset) {
        String status = q.status() == null ? null : q.status().name();
        return jdbc.sql("SELECT * FROM (" + SELECT + ") x " + LIST_WHERE + " ORDER BY " + URGENCY + " LIMIT :limit OFFSET :offset")
                .param("owner", q.owner()).param("account", q.accountId()).param("status", status)
                .param("dueBefore", q.dueBefore() == null ? null : Timestamp.from(q.dueBefore()))
                .param("limit", q.limit()).param("offset", offset).param("now", now())
                .query(this::task).list();
    }

    /** How many tasks {@link #list(TaskQuery, long)} can page through (the query's limit aside). */
    public long count(TaskQuery q) {
        String status = q.status() == null ? null : q.status().name();
        return jdbc.sql("SELECT count(*) FROM (" + SELECT + ") x " + LIST_WHERE)
                .param("owner", q.owner()).param("account", q.accountId()).param("status", status)
                .param("dueBefore", q.dueBefore() == null ? null : Timestamp.from(q.dueBefore()))
                .param("now", now())
                .query(Long.class).single();
    }

    private static final String LIST_WHERE = """
             WHERE (CAST(:owner AS text) IS NULL OR owner = :owner)
              AND (CAST(:account AS text) IS NULL OR account_id = :account)
              AND (CAST(:status AS text) IS NULL OR shown_status = :status)
              AND (CAST(:dueBefore AS timestamptz) IS NULL OR due_at <= :dueBefore)""";

    /**
     * Whether {@code owner} holds a task (open, snoozed or done) at the account: a CSM a task was handed to may
     * open the account it is for, and see why it exists, though the account is another CSM's.
     */
    public boolean holdsTaskAt(String owner, String accountId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM task WHERE account_id = :account AND lower(owner) = lower(:owner))")
                .param("account", accountId).param("owner", owner).query(Boolean.class).single();
    }

    /** How many open tasks an owner has, and how many are overdue, as {@link #list} tells open from snoozed. */
    public OpenCount countOpen(String owner, Instant now) {
        return jdbc.sql("SELECT count(*) AS open, count(*) FILTER (WHERE due_at < :now) AS overdue FROM (" + SELECT
                        + ") x WHERE owner = :owner AND shown_status = 'OPEN'")
                .param("owner", owner).param("now", Timestamp.from(now))
                .query((rs, n) -> new OpenCount(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    /** An owner's open tasks (not done, not snoozed) matching the filter, most urgent first. */
    public List<Task> open(InboxFilter f, Instant now) {
        String search = f.accountSearch() == null ? null : "%" + f.accountSearch().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("SELECT * FROM (" + SELECT + """
                        ) x WHERE owner = :owner AND shown_status = 'OPEN'
                          AND (CAST(:priority AS text) IS NULL OR priority = :priority)
                          AND (NOT :overdue OR due_at < :now)
                          AND (CAST(:search AS text) IS NULL OR lower(account_name) LIKE :search OR lower(account_id) LIKE :search)
                          AND (CAST(:play AS text) IS NULL OR play_id = :play)
                        ORDER BY """ + URGENCY + " LIMIT :limit")
                .param("owner", f.owner()).param("priority", f.priority()).param("overdue", f.overdueOnly())
                .param("now", Timestamp.from(now)).param("search", search).param("play", f.play())
                .param("limit", f.limit())
                .query(this::task).list();
    }

    /** An owner's done tasks, the latest completed first. */
    public List<Task> done(String owner, int limit) {
        return jdbc.sql("SELECT * FROM (" + SELECT + ") x WHERE owner = :owner AND shown_status = 'DONE' "
                        + "ORDER BY completed_at DESC, id DESC LIMIT :limit")
                .param("owner", owner).param("limit", limit).param("now", now()).query(this::task).list();
    }

    /** An owner's snoozed tasks, the first to come back first. */
    public List<Task> snoozed(String owner, int limit) {
        return jdbc.sql("SELECT * FROM (" + SELECT + ") x WHERE owner = :owner AND shown_status = 'SNOOZED' "
                        + "ORDER BY snoozed_until, id LIMIT :limit")
                .param("owner", owner).param("limit", limit).param("now", now()).query(this::task).list();
    }

    /** The open (not snoozed) tasks of the same play, account, step and owner as this one, itself included. */
    List<Task> openAlike(Task task) {
        if (task.play() == null) {
            return task.status() == TaskStatus.OPEN ? List.of(task) : List.of();
        }
        return jdbc.sql("SELECT * FROM (" + SELECT + ") x WHERE owner = :owner AND account_id = :account "
                        + "AND play_id = :play AND step_position IS NOT DISTINCT FROM CAST(:position AS integer) "
                        + "AND shown_status = 'OPEN' ORDER BY " + URGENCY)
                .param("owner", task.owner()).param("account", task.accountId()).param("play", task.play())
                .param("position", task.stepPosition()).param("now", now()).query(this::task).list();
    }

    /** The plays that made an owner's open tasks, for the inbox's play filter. */
    public List<String> openTaskPlays(String owner) {
        return jdbc.sql("""
                        SELECT DISTINCT r.play_id FROM task t JOIN play_run r ON r.id = t.run_id
                        WHERE t.owner = ? AND t.status <> 'DONE' ORDER BY r.play_id""")
                .param(owner).query(String.class).list();
    }

    /** Open tasks of the owner created after the given id: what the inbox has not shown yet. */
    public List<Task> openSince(String owner, long afterId) {
        return jdbc.sql("SELECT * FROM (" + SELECT + """
                        ) x WHERE owner = :owner AND shown_status = 'OPEN' AND id > :after ORDER BY id LIMIT 100""")
                .param("owner", owner).param("after", afterId).param("now", now()).query(this::task).list();
    }

    /** Whether a task counts as snoozed is a question of now, the engine's. */
    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    long newestOpenId(String owner) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM task WHERE owner = ? AND status <> 'DONE'")
                .param(owner).query(Long.class).single();
    }

    boolean reassign(long id, String owner) {
        return jdbc.sql("UPDATE task SET owner = ? WHERE id = ? AND status <> 'DONE'").params(owner, id).update() == 1;
    }

    boolean reschedule(long id, Instant dueAt) {
        // A new due date is an answer to a snooze as well: the task is back in the inbox, due then.
        return jdbc.sql("UPDATE task SET due_at = ?, snoozed_until = NULL WHERE id = ? AND status <> 'DONE'")
                .params(Timestamp.from(dueAt), id).update() == 1;
    }

    boolean complete(long id, TaskOutcome outcome, String note, Instant now) {
        return jdbc.sql("UPDATE task SET status = 'DONE', outcome = ?, note = ?, completed_at = ? WHERE id = ? AND status <> 'DONE'")
                .params(outcome.name(), note, Timestamp.from(now), id).update() == 1;
    }

    /** A task {@link #completeForPlays} closed. */
    record Closed(long id, String title) {
    }

    /**
     * Completes the account's open tasks made by plays for these audiences (finished runs' too; never a task made by
     * hand), all with one outcome and note; returns them, by id.
     */
    List<Closed> completeForPlays(String accountId, List<Audience> audiences, TaskOutcome outcome, String note, Instant now) {
        return jdbc.sql("""
                        UPDATE task t SET status = 'DONE', outcome = ?, note = ?, completed_at = ?
                        FROM play_run r
                        WHERE r.id = t.run_id AND t.account_id = ? AND t.status <> 'DONE' AND r.audience = ANY(?)
                        RETURNING t.id, t.title""")
                .params(outcome.name(), note, Timestamp.from(now), accountId,
                        audiences.stream().map(Enum::name).toArray(String[]::new))
                .query((rs, n) -> new Closed(rs.getLong(1), rs.getString(2))).list().stream()
                .sorted(java.util.Comparator.comparingLong(Closed::id)).toList();
    }

    /** Takes back a completion made at or after {@code since}; false when the task is not done or was done earlier. */
    boolean reopen(long id, Instant since) {
        return jdbc.sql("""
                        UPDATE task SET status = 'OPEN', outcome = NULL, note = NULL, completed_at = NULL
                        WHERE id = ? AND status = 'DONE' AND completed_at >= ?""")
                .params(id, Timestamp.from(since)).update() == 1;
    }

    boolean snooze(long id, Instant until) {
        return jdbc.sql("UPDATE task SET snoozed_until = ? WHERE id = ? AND status <> 'DONE'")
                .params(Timestamp.from(until), id).update() == 1;
    }

    private Task task(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule_name");
        Why why = rule == null ? null : new Why(rule, rs.getString("rule_set_version"), json.facts(rs.getString("matched_facts")));
        String outcome = rs.getString("outcome");
        return new Task(rs.getLong("id"), rs.getString("account_id"), rs.getString("account_name"),
                (Long) rs.getObject("run_id"), rs.getString("owner"), rs.getString("title"), rs.getString("details"),
                rs.getString("priority"), TaskStatus.valueOf(rs.getString("shown_status")), instant(rs, "due_at"),
                instant(rs, "snoozed_until"), outcome == null ? null : TaskOutcome.valueOf(outcome), rs.getString("note"),
                instant(rs, "created_at"), instant(rs, "completed_at"), why, rs.getString("play_id"), checklist(rs), checklistDone(rs),
                (Integer) rs.getObject("step_position"));
    }

    private static Set<Integer> checklistDone(ResultSet rs) throws SQLException {
        Array done = rs.getArray("checklist_done");
        return done == null ? Set.of() : Set.of((Integer[]) done.getArray());
    }

    /** Records which checklist items are ticked off; false when the task is done (its checklist is closed). */
    boolean tick(long id, Set<Integer> done) {
        return jdbc.sql("UPDATE task SET checklist_done = ? WHERE id = ? AND status <> 'DONE'")
                .params(done.stream().sorted().toArray(Integer[]::new), id).update() == 1;
    }

    private List<String> checklist(ResultSet rs) throws SQLException {
        String text = rs.getString("checklist");
        return text == null ? List.of() : json.read(text, TEXTS);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

}
