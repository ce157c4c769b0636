package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact store. Every change to a contact goes through here and is kept as dated history, with its
 * timeline entry ({@link AccountHistory}): a contact's first appearance, a new role, becoming inactive or
 * active again, unsubscribing.
 */
@Repository
public class Contacts {

    private static final String COLUMNS = "account_id, email, name, role, timezone, active, unsubscribed";

    private final JdbcClient jdbc;
    private final AccountHistory history;
    private final Clock clock;

    public Contacts(JdbcClient jdbc, AccountHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
    }

    /** Stores a contact sent by a source (as of now), with its history. */
    public void upsert(Contact c) {
        upsertAll(List.of(new ContactUpdate(c, null, ChangeCause.source("contact " + c.email()))), clock.instant());
    }

    /**
     * Inserts or updates contacts in the caller's transaction, and records what changed about each: added, role,
     * active, unsubscribed (which is never undone: a contact sent again as subscribed stays unsubscribed). Returns
     * the changes as the events rules see. A change happened at the update's own time when it has one (never later
     * than {@code now}), else now, and a contact's updates are taken in that order (a contact sent twice ends as the
     * later says; of two at the same time, the one sent later).
     * <p>
     * A dated update older than the contact's latest change arrived late (sources such as Segment deliver out of
     * order): it is history, not news. Its changes are recorded against the contact as it was at its moment, and
     * the contact stays as the later change left it, except that an unsubscribe holds from its moment on.
     */
    public List<ContactSignal> upsertAll(List<ContactUpdate> updates, Instant now) {
        if (updates.isEmpty()) {
            return List.of();
        }
        // Rows locked in key order, so two batches sharing contacts wait for each other rather than deadlock; a
        // stable sort keeps a contact's own updates in the order they were sent.
        List<ContactUpdate> ordered = new ArrayList<>(updates);
        ordered.sort(Comparator.comparing((ContactUpdate u) -> u.contact().accountId()).thenComparing(u -> u.contact().email())
                .thenComparing(u -> changedAt(u, now)));
        List<Key> keys = ordered.stream().map(u -> Key.of(u.contact())).distinct().toList();
        Map<Key, Contact> current = lock(keys);
        Map<Key, Instant> lastChanged = history.lastChanges(keys);
        List<ContactSignal> recorded = new ArrayList<>();
        List<AccountHistory.PendingChange> changes = new ArrayList<>();
        for (ContactUpdate u : ordered) {
            Contact sent = u.contact();
            Key key = Key.of(sent);
            Instant at = changedAt(u, now);
            Contact before = current.get(key);
            if (before == null) {
                if (insert(sent)) {
                    changes.add(new AccountHistory.PendingChange(sent, ContactChange.ADDED, null, sent.role().name(), at,
                            u.changedAt() != null, u.cause()));
                    current.put(key, sent);
                    lastChanged.put(key, at);
                    continue;
                }
                // Another transaction added it since we looked: now it is there, locked for us, and its changes are
                // committed. They were not when we read when the contact last changed, and a newer first appearance
                // makes this update late.
                before = lock(List.of(key)).get(key);
                current.put(key, before);
                lastChanged.putAll(history.lastChanges(List.of(key)));
            }
            Instant last = lastChanged.get(key);
            if (last != null && at.isBefore(last)) {
                // Read the past with every change of this batch in it.
                recorded.addAll(history.recordContactChanges(changes, now));
                changes.clear();
                changes.addAll(belated(sent, before, at, u.cause(), current));
                continue;
            }
            lastChanged.put(key, at);
            Contact after = new Contact(sent.accountId(), sent.email(), sent.name(), sent.role(), sent.timezone(), sent.active(),
                    before.unsubscribed() || sent.unsubscribed());
            if (!after.equals(before)) {
                update(after);
                changes.addAll(differences(before, after, at, u.changedAt() != null, u.cause()));
            }
            current.put(key, after);
        }
        recorded.addAll(history.recordContactChanges(changes, now));
        return recorded;
    }

    private static Instant changedAt(ContactUpdate u, Instant now) {
        return u.changedAt() == null || u.changedAt().isAfter(now) ? now : u.changedAt();
    }

    /**
     * The changes of an update that happened before the contact's latest change ({@code at}): against the contact as
     * it was then. Not there yet then, it was there from then on: added then, and at what was its first appearance it
     * changed to what that said (a replay takes a contact's first appearance once, so that appearance alone would not
     * move it). What a later change changed (its role, whether it is active) stays as that says; what no later change
     * touched holds from the update's moment on, in the contact and in every later state of the history, and so does
     * an unsubscribe, which is never undone.
     */
    private List<AccountHistory.PendingChange> belated(Contact sent, Contact now, Instant at, ChangeCause cause,
                                                       Map<Key, Contact> current) {
        Contact then = history.contactAsOf(sent.accountId(), sent.email(), at).orElse(null);
        List<ContactSignal> later = history.changesAfter(sent.accountId(), sent.email(), at);
        List<AccountHistory.PendingChange> changes = new ArrayList<>();
        ContactRole role = null;
        Boolean active = null;
        boolean unsubscribes;
        if (then == null) {
            changes.add(new AccountHistory.PendingChange(sent, ContactChange.ADDED, null, sent.role().name(), at, true, cause));
            later.stream().findFirst().filter(next -> next.change() == ContactChange.ADDED)
                    .ifPresent(first -> changes.addAll(differences(sent, new Contact(sent.accountId(), sent.email(), now.name(),
                            first.role(), now.timezone(), first.active(), first.unsubscribed() || sent.unsubscribed()),
                            first.occurredAt(), true, ChangeCause.source(first.source()))));
            // Its first appearance, later, said everything about it but an unsubscribe, which that could not undo.
            unsubscribes = sent.unsubscribed();
        } else {
            changes.addAll(differences(then, new Contact(sent.accountId(), sent.email(), sent.name(), sent.role(),
                    sent.timezone(), sent.active(), then.unsubscribed() || sent.unsubscribed()), at, true, cause));
            boolean roleLater = later.stream().anyMatch(c -> c.change() == ContactChange.ROLE_CHANGED || c.change() == ContactChange.ADDED);
            boolean activeLater = later.stream().anyMatch(c -> c.change() == ContactChange.BECAME_ACTIVE
                    || c.change() == ContactChange.BECAME_INACTIVE || c.change() == ContactChange.ADDED);
            role = roleLater || sent.role() == now.role() ? null : sent.role();
            active = activeLater || sent.active() == now.active() ? null : sent.active();
            // Against the contact then, not now: a later unsubscribe (by link) does not make the states in between
            // subscribed.
            unsubscribes = sent.unsubscribed() && !then.unsubscribed();
        }
        if (role != null || active != null || unsubscribes) {
            Contact carried = new Contact(now.accountId(), now.email(), now.name(), role == null ? now.role() : role, now.timezone(),
                    active == null ? now.active() : active, now.unsubscribed() || unsubscribes);
            if (!carried.equals(now)) {
                update(carried);
                current.put(Key.of(now), carried);
            }
            history.carriedForward(sent.accountId(), sent.email(), at, role, active, unsubscribes);
        }
        return changes;
    }

    /**
     * Marks every contact with this address (ignoring case), in any account, unsubscribed, with its history;
     * returns the changes (none for contacts already unsubscribed).
     */
    public List<ContactSignal> unsubscribe(String address, Instant now, ChangeCause cause) {
        List<Contact> changed = jdbc.sql("UPDATE contact SET unsubscribed = true WHERE lower(email) = lower(?) AND NOT unsubscribed RETURNING "
                        + COLUMNS)
                .param(address).query(Contacts::contact).list();
        List<AccountHistory.PendingChange> changes = new ArrayList<>();
        changed.stream().sorted(Comparator.comparing(Contact::accountId).thenComparing(Contact::email))
                .forEach(c -> changes.add(new AccountHistory.PendingChange(c, ContactChange.UNSUBSCRIBED, "false", "true", now, true, cause)));
        return history.recordContactChanges(changes, now);
    }

    /**
     * What changed from {@code before} to {@code after}, one change per thing, each with the contact as it is
     * right after that change (so the history holds every state in between).
     */
    private static List<AccountHistory.PendingChange> differences(Contact before, Contact after, Instant at, boolean dated,
                                                                  ChangeCause cause) {
        List<AccountHistory.PendingChange> changes = new ArrayList<>();
        Contact state = before;
        if (before.role() != after.role()) {
            state = new Contact(state.accountId(), state.email(), after.name(), after.role(), after.timezone(), state.active(),
                    state.unsubscribed());
            changes.add(new AccountHistory.PendingChange(state, ContactChange.ROLE_CHANGED, before.role().name(),
                    after.role().name(), at, dated, cause));
        }
        if (before.active() != after.active()) {
            state = new Contact(state.accountId(), state.email(), after.name(), state.role(), after.timezone(), after.active(),
                    state.unsubscribed());
            changes.add(new AccountHistory.PendingChange(state, after.active() ? ContactChange.BECAME_ACTIVE : ContactChange.BECAME_INACTIVE,
                    String.valueOf(before.active()), String.valueOf(after.active()), at, dated, cause));
        }
        if (!before.unsubscribed() && after.unsubscribed()) {
            changes.add(new AccountHistory.PendingChange(after, ContactChange.UNSUBSCRIBED, "false", "true", at, dated, cause));
        }
        return changes;
    }

    private Map<Key, Contact> lock(List<Key> keys) {
        Map<Key, Contact> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + """
                         FROM contact WHERE (account_id, email) IN (SELECT * FROM unnest(?::text[], ?::text[]))
                        ORDER BY account_id, email FOR NO KEY UPDATE""")
                .params(keys.stream().map(Key::accountId).toArray(String[]::new), keys.stream().map(Key::email).toArray(String[]::new))
                .query(Contacts::contact).list()
                .forEach(c -> found.put(Key.of(c), c));
        return found;
    }

    /** False when the contact is there already (added meanwhile by another transaction). */
    private boolean insert(Contact c) {
        return jdbc.sql("INSERT INTO contact (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, email) DO NOTHING")
                .params(c.accountId(), c.email(), c.name(), c.role().name(), c.timezone(), c.active(), c.unsubscribed())
                .update() == 1;
    }

    private void update(Contact c) {
        jdbc.sql("UPDATE contact SET name = ?, role = ?, timezone = ?, active = ?, unsubscribed = ? WHERE account_id = ? AND email = ?")
                .params(c.name(), c.role().name(), c.timezone(), c.active(), c.unsubscribed(), c.accountId(), c.email())
                .update();
    }

    record Key(String accountId, String email) {
        static Key of(Contact c) {
            return new Key(c.accountId(), c.email());
        }
    }

    /** The accounts that have a contact with this address (ignoring case), so an answer by email finds its account. */
    public List<String> accountsWithEmail(String email) {
        return jdbc.sql("SELECT DISTINCT account_id FROM contact WHERE lower(email) = lower(?) ORDER BY account_id")
                .param(email)
                .query(String.class)
                .list();
    }

    public List<Contact> of(String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE account_id = ? ORDER BY role, email")
                .param(accountId)
                .query(Contacts::contact)
                .list();
    }

    /** The contacts of each of these accounts, in the order {@link #of} gives them: one query for a batch. */
    public Map<String, List<Contact>> ofAccounts(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Contact>> contacts = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE account_id = ANY(?) ORDER BY account_id, role, email")
                .param(accountIds.toArray(String[]::new))
                .query(Contacts::contact).list()
                .forEach(c -> contacts.computeIfAbsent(c.accountId(), id -> new ArrayList<>()).add(c));
        return contacts;
    }

    private static Contact contact(ResultSet rs, int n) throws SQLException {
        return new Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                ContactRole.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7));
    }
}
