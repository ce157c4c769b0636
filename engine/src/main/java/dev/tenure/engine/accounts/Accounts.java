package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The account store; an account's stage changes only through {@link #changeStage}, which keeps its history. */
@Repository
public class Accounts {

    /** The account columns {@link #account} reads. */
    public static final String COLUMNS = "id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone";
    private static final RowMapper<Account> ROW = Accounts::account;

    private final JdbcClient jdbc;
    private final AccountHistory history;
    private final Clock clock;

    public Accounts(JdbcClient jdbc, AccountHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
    }

    /** Inserts or updates an account sent by a source, as of now; see {@link #upsert(Account, Instant, ChangeCause)}. */
    public void upsert(Account a, Instant now) {
        upsert(a, now, ChangeCause.source("account " + a.id()));
    }

    /**
     * Inserts or updates an account; the stage is kept once set, since rules move it (a source's stage that
     * churns or reactivates the account is applied through {@link #changeStage} by the caller, see
     * {@link Lifecycle#onSource}). A record without a stage starts ONBOARDING. A new account's stage is the
     * first row of its stage history. A field the record leaves out (a CRM export of names and segments only) keeps
     * its stored value: a source's silence about the CSM or the ARR is not their removal.
     */
    public void upsert(Account a, Instant now, ChangeCause cause) {
        Stage stage = stageOnInsert(a);
        boolean inserted = jdbc.sql("""
                        INSERT INTO account (id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone,
                                             created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, segment = EXCLUDED.segment,
                            csm = COALESCE(EXCLUDED.csm, account.csm), arr = COALESCE(EXCLUDED.arr, account.arr),
                            plan = COALESCE(EXCLUDED.plan, account.plan),
                            started_on = COALESCE(EXCLUDED.started_on, account.started_on),
                            renewal_on = COALESCE(EXCLUDED.renewal_on, account.renewal_on),
                            timezone = COALESCE(EXCLUDED.timezone, account.timezone), updated_at = EXCLUDED.updated_at
                        RETURNING xmax = 0""")
                .params(a.id(), a.name(), a.segment().name(), stage.name(), a.csm(), a.arr(), a.plan(),
                        date(a.startedOn()), date(a.renewalOn()), a.timezone(), Timestamp.from(now), Timestamp.from(now))
                .query(Boolean.class).single();
        if (inserted) {
            history.recordStageChange(a.id(), null, stage, now, now, cause);
        }
    }

    /** The stage {@link #upsert} gives the account when it is new. */
    public static Stage stageOnInsert(Account a) {
        return a.stage() == null ? Stage.ONBOARDING : a.stage();
    }

    public Optional<Account> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?").param(id).query(ROW).optional();
    }

    /**
     * Locks these account rows, in id order, for the rest of the transaction, and returns them in that
     * order: one evaluation of an account at a time, and two batches that share accounts wait for each
     * other instead of deadlocking. NO KEY UPDATE, because storing a row that references an account (a
     * ticket, a task) takes a key-share lock on it: a batch being stored must not wait for an evaluation,
     * or deadlock with it.
     */
    public List<Account> lockAll(Collection<String> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE")
                .param(ids.toArray(String[]::new)).query(ROW).list();
    }

    /**
     * The stage of each of these accounts whose row no other transaction is changing, the row locked FOR SHARE until
     * this transaction ends: a change begun after this waits for it. An account whose row is being changed (a churn,
     * an evaluation, a source's update) is left out rather than waited for, since such a change may itself be waiting
     * for rows the caller holds.
     */
    public java.util.Map<String, Stage> stagesNotBeingChanged(Collection<String> ids) {
        java.util.Map<String, Stage> stages = new java.util.HashMap<>();
        jdbc.sql("SELECT id, stage FROM account WHERE id = ANY(?) ORDER BY id FOR SHARE SKIP LOCKED")
                .param(ids.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    stages.put(rs.getString(1), Stage.valueOf(rs.getString(2)));
                });
        return stages;
    }

    public List<Account> list(String csm, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE (CAST(? AS text) IS NULL OR csm = ?) ORDER BY name, id LIMIT ? OFFSET ?")
                .params(csm, csm, limit, offset).query(ROW).list();
    }

    /** How many accounts {@link #list} can page through. */
    public long count(String csm) {
        return jdbc.sql("SELECT count(*) FROM account WHERE (CAST(? AS text) IS NULL OR csm = ?)")
                .params(csm, csm).query(Long.class).single();
    }

    public List<String> allIds() {
        return jdbc.sql("SELECT id FROM account ORDER BY id").query(String.class).list();
    }

    /** The stored accounts among {@code ids}, by id: one query for a batch of steps. */
    public java.util.Map<String, Account> findAll(Collection<String> ids) {
        java.util.Map<String, Account> found = new java.util.HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ANY(?)").param(ids.toArray(String[]::new))
                .query(ROW).list().forEach(a -> found.put(a.id(), a));
        return found;
    }

    /** The ids among {@code ids} that are stored. */
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM account WHERE id = ANY(?)")
                .param(ids.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * The one way an account's stage changes (a rule, a source, the lifecycle): in the caller's transaction,
     * kept as dated history with the cause and put on the account's timeline. {@code at} is when it happened
     * (never later than now). False, and nothing recorded, when the account is already in that stage or
     * does not exist. Churning keeps the stage the account had, for its reactivation; leaving CHURNED forgets it.
     */
    public boolean changeStage(String accountId, Stage stage, Instant at, ChangeCause cause) {
        Instant now = clock.instant();
        Instant happened = at == null || at.isAfter(now) ? now : at;
        // The old stage read under the row's lock, so two changes at once each record what they really changed.
        List<String> before = jdbc.sql("""
                        UPDATE account a SET
                            stage_before_churn = CASE WHEN ? <> 'CHURNED' THEN NULL
                                                      WHEN old.stage <> 'CHURNED' THEN old.stage ELSE a.stage_before_churn END,
                            stage = ?, updated_at = ?
                        FROM (SELECT id, stage FROM account WHERE id = ? FOR NO KEY UPDATE) old
                        WHERE a.id = old.id AND old.stage <> ?
                        RETURNING old.stage""")
                .params(stage.name(), stage.name(), Timestamp.from(now), accountId, stage.name()).query(String.class).list();
        if (before.isEmpty()) {
            return false;
        }
        history.recordStageChange(accountId, Stage.valueOf(before.get(0)), stage, happened, now, cause);
        return true;
    }

    /** The stage each of these accounts had before it churned, for those churned accounts that have one. */
    public java.util.Map<String, Stage> stagesBeforeChurn(Collection<String> ids) {
        java.util.Map<String, Stage> before = new java.util.HashMap<>();
        jdbc.sql("SELECT id, stage_before_churn FROM account WHERE id = ANY(?) AND stage_before_churn IS NOT NULL")
                .param(ids.toArray(String[]::new))
                .query(rs -> {
                    before.put(rs.getString(1), Stage.valueOf(rs.getString(2)));
                });
        return before;
    }

    /** Reads an account from a row with {@link #COLUMNS}. */
    public static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), Segment.valueOf(rs.getString("segment")),
                Stage.valueOf(rs.getString("stage")), rs.getString("csm"), rs.getBigDecimal("arr"), rs.getString("plan"),
                localDate(rs.getDate("started_on")), localDate(rs.getDate("renewal_on")), rs.getString("timezone"));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
