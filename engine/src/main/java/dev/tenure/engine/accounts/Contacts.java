package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The contact store. */
@Repository
public class Contacts {

    private final JdbcClient jdbc;

    public Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void upsert(Contact c) {
        jdbc.sql("""
                        INSERT INTO contact (account_id, email, name, role, timezone, active, unsubscribed)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id, email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
                            timezone = EXCLUDED.timezone, active = EXCLUDED.active,
                            unsubscribed = contact.unsubscribed OR EXCLUDED.unsubscribed""")
                .params(c.accountId(), c.email(), c.name(), c.role().name(), c.timezone(), c.active(), c.unsubscribed())
                .update();
    }

    /** The accounts that have a contact with this address (ignoring case), so an answer by email finds its account. */
    public List<String> accountsWithEmail(String email) {
        return jdbc.sql("SELECT DISTINCT account_id FROM contact WHERE lower(email) = lower(?) ORDER BY account_id")
                .param(email)
                .query(String.class)
                .list();
    }

    public List<Contact> of(String accountId) {
        return jdbc.sql("""
                        SELECT account_id, email, name, role, timezone, active, unsubscribed FROM contact
                        WHERE account_id = ? ORDER BY role, email""")
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
        jdbc.sql("""
                        SELECT account_id, email, name, role, timezone, active, unsubscribed FROM contact
                        WHERE account_id = ANY(?) ORDER BY account_id, role, email""")
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
