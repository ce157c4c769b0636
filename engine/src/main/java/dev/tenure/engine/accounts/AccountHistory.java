package dev.tenure.engine.accounts;

import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts and stages as they were: the dated history of every change (tables {@code contact_change} and
 * {@code stage_change}), written here, with the change's timeline entry, by {@link Contacts} and
 * {@link Accounts} whatever path changed them; and read here by whatever must see the past as it was (a
 * backtest, a health backfill, the timeline, an evaluation after an import).
 * <p>
 * A contact's state at a moment is that of its latest change at or before it; before its first change,
 * that change undone; without any change, as it is now (contacts stored before history was kept). Before
 * its first appearance a contact was not there, if the source dated it; if not, Tenure only learnt of the
 * contact then (the first import of a customer base), so it counts as there, as first seen. A stage, before
 * the account's first, is that first stage.
 */
@Repository
public class AccountHistory {

    /** The external id of a contact change seen as a {@link ContactSignal}: its history row. */
    static final String EXTERNAL_ID = "contact-change-";

    private static final String CHANGE_COLUMNS =
            "id, account_id, email, change, old_value, new_value, role, active, unsubscribed, occurred_at, origin, cause";
    /**
     * When a change counts as having happened, for reading the past: a first appearance the source did not
     * date was there all along, as far as anyone knows, so it comes before every other change of the contact.
     */
    private static final String EFFECTIVE_TIME = "CASE WHEN h.change = 'ADDED' AND NOT h.dated THEN '-infinity'::timestamptz ELSE h.occurred_at END";
    /** Likewise an account's first stage: it had it before anyone said otherwise. */
    private static final String FIRST_STAGE_TIME = "CASE WHEN h.from_stage IS NULL THEN '-infinity'::timestamptz ELSE h.occurred_at END";
    private static final String STAGE_COLUMNS = "id, account_id, from_stage, to_stage, occurred_at, origin, cause";
    /** A stage change that moved an account into or out of CHURNED; its first stage is none. */
    private static final String LIFECYCLE_MOVE = "from_stage IS NOT NULL AND (from_stage = 'CHURNED') <> (to_stage = 'CHURNED')";

    private final JdbcClient jdbc;
    private final Timeline timeline;

    AccountHistory(JdbcClient jdbc, Timeline timeline) {
        this.jdbc = jdbc;
        this.timeline = timeline;
    }

    /** A change about to be recorded: the contact as it is after it. */
    record PendingChange(Contact after, ContactChange change, String oldValue, String newValue, Instant occurredAt,
                         boolean dated, ChangeCause cause) {
    }

    /**
     * Records contact changes in the caller's transaction, each with its timeline entry, and returns them as
     * the events rules see, in the order given.
     */
    List<ContactSignal> recordContactChanges(List<PendingChange> changes, Instant recordedAt) {
        if (changes.isEmpty()) {
            return List.of();
        }
        int n = changes.size();
        String[] accounts = new String[n], emails = new String[n], kinds = new String[n], olds = new String[n],
                news = new String[n], roles = new String[n], origins = new String[n], causes = new String[n];
        Boolean[] active = new Boolean[n], unsubscribed = new Boolean[n], dated = new Boolean[n];
        Timestamp[] at = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            PendingChange c = changes.get(i);
            accounts[i] = c.after().accountId();
            emails[i] = c.after().email();
            kinds[i] = c.change().name();
            olds[i] = c.oldValue();
            news[i] = c.newValue();
            roles[i] = c.after().role().name();
            active[i] = c.after().active();
            unsubscribed[i] = c.after().unsubscribed();
            at[i] = Timestamp.from(c.occurredAt());
            dated[i] = c.dated();
            origins[i] = c.cause().origin().name();
            causes[i] = c.cause().detail();
        }
        // Ids are drawn in the order the rows are inserted, which ORDER BY fixes: the i-th id is the i-th change's.
        List<Long> ids = new ArrayList<>(jdbc.sql("""
                        INSERT INTO contact_change (account_id, email, change, old_value, new_value, role, active, unsubscribed,
                                                    occurred_at, dated, recorded_at, origin, cause)
                        SELECT account_id, email, change, old_value, new_value, role, active, unsubscribed, occurred_at, dated, ?,
                               origin, cause
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::boolean[],
                                    ?::timestamptz[], ?::boolean[], ?::text[], ?::text[])
                             WITH ORDINALITY AS c(account_id, email, change, old_value, new_value, role, active, unsubscribed,
                                                  occurred_at, dated, origin, cause, n)
                        ORDER BY n
                        RETURNING id""")
                .params(Timestamp.from(recordedAt), accounts, emails, kinds, olds, news, roles, active, unsubscribed, at,
                        dated, origins, causes)
                .query(Long.class).list());
        Collections.sort(ids);
        List<ContactSignal> signals = new ArrayList<>(n);
        List<TimelineEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PendingChange c = changes.get(i);
            ContactSignal signal = new ContactSignal(c.cause().detail(), EXTERNAL_ID + ids.get(i), c.after().accountId(),
                    c.occurredAt(), c.after().email(), c.after().role(), c.change(), c.oldValue(), c.newValue(),
                    c.after().active(), c.after().unsubscribed());
            signals.add(signal);
            entries.add(new TimelineEntry(signal.accountId(), signal.occurredAt(), timelineType(c.change()),
                    summary(signal, c.cause()), "contact-change:" + ids.get(i)));
        }
        timeline.recordAll(entries);
        return signals;
    }

    /** Records a stage change in the caller's transaction; one that is not the account's first is on its timeline. */
    void recordStageChange(String accountId, Stage from, Stage to, Instant occurredAt, Instant recordedAt, ChangeCause cause) {
        long id = jdbc.sql("""
                        INSERT INTO stage_change (account_id, from_stage, to_stage, occurred_at, recorded_at, origin, cause)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(accountId, from == null ? null : from.name(), to.name(), Timestamp.from(occurredAt),
                        Timestamp.from(recordedAt), cause.origin().name(), cause.detail())
                .query(Long.class).single();
        if (from != null) {
            String what = to == Stage.CHURNED ? "The account churned (" + cause.detail() + ")"
                    : from == Stage.CHURNED ? "The account was reactivated (" + cause.detail() + "): stage " + to
                    : "Stage moved from " + from + " to " + to + " (" + cause.detail() + ")";
            timeline.record(new TimelineEntry(accountId, occurredAt, "stage", what, "stage-change:" + id));
        }
    }

    /** {@code contact.added}, {@code contact.role-changed}, {@code contact.became-inactive}, ... */
    static String timelineType(ContactChange change) {
        return "contact." + change.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String summary(ContactSignal s, ChangeCause cause) {
        return switch (s.change()) {
            case ADDED -> "Contact " + s.email() + " added as " + s.role() + " (" + cause.detail() + ")";
            case ROLE_CHANGED -> "Contact " + s.email() + " changed role from " + s.oldValue() + " to " + s.newValue()
                    + " (" + cause.detail() + ")";
            case BECAME_INACTIVE -> "Contact " + s.email() + " (" + s.role() + ") became inactive (" + cause.detail() + ")";
            case BECAME_ACTIVE -> "Contact " + s.email() + " (" + s.role() + ") became active again (" + cause.detail() + ")";
            case UNSUBSCRIBED -> cause.origin() == ChangeOrigin.UNSUBSCRIBE_LINK
                    ? s.email() + " unsubscribed with the link in an email: no tech-touch email goes to this address again"
                    : "Contact " + s.email() + " (" + s.role() + ") unsubscribed (" + cause.detail()
                            + "): no tech-touch email goes to this address again";
        };
    }

    // ---- Reading the past --------------------------------------------------------------------------------------

    /**
     * The contacts of these accounts (all accounts: null) as they were at {@code at}, in the order
     * {@link Contacts#of} gives them (role, then email). A contact added after {@code at} is left out.
     */
    public Map<String, List<Contact>> contactsAsOf(Collection<String> accountIds, Instant at) {
        Map<String, List<Contact>> contacts = new HashMap<>();
        asOf(at, "CAST(? AS text[]) IS NULL OR c.account_id = ANY(?)", ids(accountIds), ids(accountIds))
                .forEach(c -> contacts.computeIfAbsent(c.accountId(), id -> new ArrayList<>()).add(c));
        Comparator<Contact> order = Comparator.comparing((Contact c) -> c.role().name()).thenComparing(Contact::email);
        contacts.values().forEach(list -> list.sort(order));
        return contacts;
    }

    /** The contacts {@code where} picks as they were at {@code at}, those already there. */
    private List<Contact> asOf(Instant at, String where, Object... params) {
        Timestamp t = Timestamp.from(at);
        List<Object> all = new ArrayList<>(List.of(t, t));
        all.addAll(Arrays.asList(params));
        List<Contact> contacts = new ArrayList<>();
        jdbc.sql("""
                        SELECT c.account_id, c.email, c.name, c.timezone, c.role, c.active, c.unsubscribed,
                               b.role, b.active, b.unsubscribed, a.change, a.old_value, a.role, a.active, a.unsubscribed
                        FROM contact c
                        LEFT JOIN LATERAL (
                            SELECT role, active, unsubscribed FROM contact_change h
                            WHERE h.account_id = c.account_id AND h.email = c.email AND %1$s <= ?
                            ORDER BY %1$s DESC, h.id DESC LIMIT 1) b ON true
                        LEFT JOIN LATERAL (
                            SELECT change, old_value, role, active, unsubscribed FROM contact_change h
                            WHERE h.account_id = c.account_id AND h.email = c.email AND %1$s > ?
                            ORDER BY %1$s, h.id LIMIT 1) a ON true
                        WHERE %2$s""".formatted(EFFECTIVE_TIME, where))
                .params(all)
                .query(rs -> {
                    Contact c = asOf(rs);
                    if (c != null) {
                        contacts.add(c);
                    }
                });
        return contacts;
    }

    private static Contact asOf(ResultSet rs) throws SQLException {
        String account = rs.getString(1), email = rs.getString(2), name = rs.getString(3), zone = rs.getString(4);
        if (rs.getString(8) != null) {
            return new Contact(account, email, name, ContactRole.valueOf(rs.getString(8)), zone, rs.getBoolean(9), rs.getBoolean(10));
        }
        String next = rs.getString(11);
        if (next == null) {
            return new Contact(account, email, name, ContactRole.valueOf(rs.getString(5)), zone, rs.getBoolean(6), rs.getBoolean(7));
        }
        // Before its first recorded change: that change undone.
        ContactChange change = ContactChange.valueOf(next);
        if (change == ContactChange.ADDED) {
            return null;
        }
        ContactRole role = ContactRole.valueOf(change == ContactChange.ROLE_CHANGED ? rs.getString(12) : rs.getString(13));
        boolean active = change == ContactChange.BECAME_INACTIVE || change != ContactChange.BECAME_ACTIVE && rs.getBoolean(14);
        boolean unsubscribed = change != ContactChange.UNSUBSCRIBED && rs.getBoolean(15);
        return new Contact(account, email, name, role, zone, active, unsubscribed);
    }

    /** One contact as it was at {@code at} (see {@link #contactsAsOf}); empty when it was not there yet. */
    public Optional<Contact> contactAsOf(String accountId, String email, Instant at) {
        // That contact alone: a late update at an account of thousands must not read them all.
        return asOf(at, "c.account_id = ? AND c.email = ?", accountId, email).stream().findFirst();
    }

    /** One contact's changes after {@code at}, as the past is read, oldest first. */
    List<ContactSignal> changesAfter(String accountId, String email, Instant at) {
        return jdbc.sql("SELECT " + CHANGE_COLUMNS + " FROM contact_change h WHERE account_id = ? AND email = ? AND %1$s > ? ORDER BY %1$s, id"
                        .formatted(EFFECTIVE_TIME))
                .params(accountId, email, Timestamp.from(at))
                .query(AccountHistory::contactSignal).list();
    }

    /**
     * When each of these contacts last changed, as the past is read: a first appearance the source did not date is
     * no moment. Contacts without a dated change are left out.
     */
    Map<Contacts.Key, Instant> lastChanges(List<Contacts.Key> keys) {
        Map<Contacts.Key, Instant> last = new HashMap<>();
        if (keys.isEmpty()) {
            return last;
        }
        jdbc.sql("""
                        SELECT h.account_id, h.email, max(h.occurred_at) FROM contact_change h
                        JOIN unnest(?::text[], ?::text[]) AS k(account_id, email) ON h.account_id = k.account_id AND h.email = k.email
                        WHERE NOT (h.change = 'ADDED' AND NOT h.dated)
                        GROUP BY h.account_id, h.email""")
                .params(keys.stream().map(Contacts.Key::accountId).toArray(String[]::new),
                        keys.stream().map(Contacts.Key::email).toArray(String[]::new))
                .query(rs -> {
                    last.put(new Contacts.Key(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant());
                });
        return last;
    }

    /**
     * A change heard of after later changes of the contact that did not touch what it changed: every state the
     * history holds from its moment on has it ({@code role} and {@code active} when not null; {@code unsubscribed}
     * when true, since an unsubscribe is never undone).
     */
    void carriedForward(String accountId, String email, Instant at, ContactRole role, Boolean active, boolean unsubscribed) {
        jdbc.sql("UPDATE contact_change h SET role = coalesce(?, role), active = coalesce(?, active), unsubscribed = unsubscribed OR ?"
                        + " WHERE account_id = ? AND email = ? AND " + EFFECTIVE_TIME + " > ?")
                .params(role == null ? null : role.name(), active, unsubscribed, accountId, email, Timestamp.from(at))
                .update();
    }

    /**
     * Each account's stage at {@code at}: that of the change recorded last among those that had happened by then,
     * else the one its next change left; an account created later has the stage it was created in. Recorded last, not
     * dated last: a cancellation imported late is dated months back, and the moves made since without knowing of it
     * (a rule's) do not undo it, as they did not undo it in the account, which is churned now.
     */
    public Map<String, Stage> stagesAsOf(Collection<String> accountIds, Instant at) {
        Timestamp t = Timestamp.from(at);
        Map<String, Stage> stages = new HashMap<>();
        jdbc.sql("""
                        SELECT a.id, coalesce(b.to_stage, f.from_stage, f.to_stage, a.stage)
                        FROM account a
                        LEFT JOIN LATERAL (
                            SELECT to_stage FROM stage_change h WHERE h.account_id = a.id AND %1$s <= ?
                            ORDER BY h.id DESC LIMIT 1) b ON true
                        LEFT JOIN LATERAL (
                            SELECT from_stage, to_stage FROM stage_change h WHERE h.account_id = a.id AND %1$s > ?
                            ORDER BY %1$s, h.id LIMIT 1) f ON true
                        WHERE CAST(? AS text[]) IS NULL OR a.id = ANY(?)""".formatted(FIRST_STAGE_TIME))
                .params(t, t, ids(accountIds), ids(accountIds))
                .query(rs -> {
                    stages.put(rs.getString(1), Stage.valueOf(rs.getString(2)));
                });
        return stages;
    }

    /**
     * A SQL condition for reports: the account whose id is {@code account} (a column) was churned at {@code at} (a
     * parameter) by a source's stage or a rule, its stage then read as {@link #stagesAsOf} reads it. A churn by a
     * cancellation is left to the report, which reads the billing signals themselves; one a source or a rule made has
     * no billing signal to tell it, and a report that left it out counted a customer gone (a CRM's former customer,
     * first heard of as CHURNED) as live, with the band it had before it left or none at all.
     */
    public static String churnedBySourceOrRuleAt(String account, String at) {
        return """
                EXISTS (SELECT 1 FROM (SELECT h.to_stage, h.origin FROM stage_change h WHERE h.account_id = %1$s AND %3$s <= %2$s
                        ORDER BY h.id DESC LIMIT 1) latest WHERE latest.to_stage = 'CHURNED' AND latest.origin <> 'LIFECYCLE')"""
                .formatted(account, at, FIRST_STAGE_TIME);
    }

    /**
     * When each of these accounts last moved into or out of CHURNED, for those that ever did, whoever moved it. An
     * account's first stage is no move: as for reading the past, it had that stage before anyone said otherwise.
     */
    public Map<String, Instant> lastLifecycleMoves(Collection<String> accountIds) {
        Map<String, Instant> moves = new HashMap<>();
        jdbc.sql("SELECT account_id, max(occurred_at) FROM stage_change WHERE account_id = ANY(?) AND " + LIFECYCLE_MOVE
                        + " GROUP BY account_id")
                .param(accountIds.toArray(String[]::new))
                .query(rs -> {
                    moves.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return moves;
    }

    /**
     * When each of these accounts moved into CHURNED, for those churned now (their last move into or out of it was
     * in) whose move is known: not one a source churned as it first named it (a file's line VALUE, then a line
     * CHURNED), since when that customer left is not known any more than for one first heard of as churned.
     */
    public Map<String, Instant> churnedAt(Collection<String> accountIds) {
        return churnedAt("account_id = ANY(?)", accountIds.toArray(String[]::new));
    }

    /**
     * The same for every account, as it stood at {@code at}, from the moves made by then: a replay that starts there
     * with an account churned knows when it left only if live would have ({@link ReplayedStage#churnedAt}).
     */
    public Map<String, Instant> churnedAtAsOf(Instant at) {
        return churnedAt("occurred_at <= ?", Timestamp.from(at));
    }

    private Map<String, Instant> churnedAt(String where, Object param) {
        Map<String, Instant> churned = new HashMap<>();
        jdbc.sql("""
                        SELECT l.account_id, l.occurred_at FROM (
                            SELECT DISTINCT ON (account_id) account_id, occurred_at, to_stage, origin FROM stage_change
                            WHERE %s AND %s
                            ORDER BY account_id, occurred_at DESC, id DESC) l
                        WHERE l.to_stage = 'CHURNED' AND NOT (l.origin = 'SOURCE' AND EXISTS (
                            SELECT FROM stage_change f WHERE f.account_id = l.account_id AND f.from_stage IS NULL
                            AND f.occurred_at = l.occurred_at))""".formatted(where, LIFECYCLE_MOVE))
                .param(param)
                .query(rs -> {
                    churned.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return churned;
    }

    /**
     * The same for every account, as it stood at {@code at}: the moves made by then. A replay that starts at
     * {@code at} starts each account there, so that a billing signal older than it is history to the replay too.
     */
    public Map<String, Instant> lastLifecycleMovesAsOf(Instant at) {
        Map<String, Instant> moves = new HashMap<>();
        jdbc.sql("SELECT account_id, max(occurred_at) FROM stage_change WHERE occurred_at <= ? AND " + LIFECYCLE_MOVE
                        + " GROUP BY account_id")
                .param(Timestamp.from(at))
                .query(rs -> {
                    moves.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return moves;
    }

    /**
     * Every contact change that happened in [from, to), in the order they happened, for a replay. An unsubscribe of a
     * contact that was unsubscribed before, by any earlier row (an unsubscribe, or a first appearance that came in
     * unsubscribed), is left out: it changed nothing. There is one only when the earlier came
     * late (an identify dated June heard of after the link was followed in December); its row stays, since that the
     * link was followed is worth telling, but a replay must see the contact unsubscribe once, when it first did.
     */
    public List<ContactSignal> contactChanges(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT %s FROM contact_change h WHERE occurred_at >= ? AND occurred_at < ?
                        AND NOT (change = 'UNSUBSCRIBED' AND EXISTS (
                            SELECT FROM contact_change e WHERE e.account_id = h.account_id AND e.email = h.email
                            AND e.unsubscribed AND (e.occurred_at, e.id) < (h.occurred_at, h.id)))
                        ORDER BY occurred_at, id""".formatted(CHANGE_COLUMNS))
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(AccountHistory::contactSignal).list();
    }

    /** Every stage change that happened in [from, to), in the order they happened. */
    public List<StageChange> stageChanges(Instant from, Instant to) {
        return jdbc.sql("SELECT " + STAGE_COLUMNS + " FROM stage_change WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(AccountHistory::stageChange).list();
    }

    /** One account's contact changes, newest first. */
    public List<ContactSignal> contactChangesOf(String accountId, int limit) {
        return jdbc.sql("SELECT " + CHANGE_COLUMNS + " FROM contact_change WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?")
                .params(accountId, limit)
                .query(AccountHistory::contactSignal).list();
    }

    /** One account's contact changes that happened after {@code after}, oldest first, as the events rules saw. */
    public List<ContactSignal> contactChangesOf(String accountId, Instant after) {
        return jdbc.sql("SELECT " + CHANGE_COLUMNS + " FROM contact_change WHERE account_id = ? AND occurred_at > ? ORDER BY occurred_at, id")
                .params(accountId, Timestamp.from(after))
                .query(AccountHistory::contactSignal).list();
    }

    /** One account's stage changes, newest first. */
    public List<StageChange> stageChangesOf(String accountId, int limit) {
        return jdbc.sql("SELECT " + STAGE_COLUMNS + " FROM stage_change WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?")
                .params(accountId, limit)
                .query(AccountHistory::stageChange).list();
    }

    /**
     * The contact changes recorded for each account since it was queued for evaluation ({@code since}) that
     * happened after {@code happenedAfter}: what arrived for it while it waited, oldest first.
     */
    public Map<String, List<ContactSignal>> recordedSince(Map<String, Instant> since, Instant happenedAfter) {
        Map<String, List<ContactSignal>> arrived = new HashMap<>();
        if (since.isEmpty()) {
            return arrived;
        }
        List<String> ids = new ArrayList<>(since.keySet());
        jdbc.sql("""
                        SELECT %s FROM contact_change h
                        JOIN unnest(?::text[], ?::timestamptz[]) AS q(account_id, since) ON h.account_id = q.account_id
                        WHERE h.recorded_at >= q.since AND h.occurred_at > ?
                        ORDER BY h.occurred_at, h.id""".formatted(CHANGE_COLUMNS.replaceAll("(\\w+)", "h.$1")))
                .params(ids.toArray(String[]::new), ids.stream().map(id -> Timestamp.from(since.get(id))).toArray(Timestamp[]::new),
                        Timestamp.from(happenedAfter))
                .query(AccountHistory::contactSignal).list()
                .forEach(s -> arrived.computeIfAbsent(s.accountId(), id -> new ArrayList<>()).add(s));
        return arrived;
    }

    private static ContactSignal contactSignal(ResultSet rs, int row) throws SQLException {
        return new ContactSignal(rs.getString("cause"), EXTERNAL_ID + rs.getLong("id"), rs.getString("account_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("email"), ContactRole.valueOf(rs.getString("role")),
                ContactChange.valueOf(rs.getString("change")), rs.getString("old_value"), rs.getString("new_value"),
                rs.getBoolean("active"), rs.getBoolean("unsubscribed"));
    }

    private static StageChange stageChange(ResultSet rs, int row) throws SQLException {
        String from = rs.getString("from_stage");
        return new StageChange(rs.getLong("id"), rs.getString("account_id"), from == null ? null : Stage.valueOf(from),
                Stage.valueOf(rs.getString("to_stage")), rs.getTimestamp("occurred_at").toInstant(),
                ChangeOrigin.valueOf(rs.getString("origin")), rs.getString("cause"));
    }

    private static String[] ids(Collection<String> accountIds) {
        return accountIds == null ? null : accountIds.toArray(String[]::new);
    }
}
