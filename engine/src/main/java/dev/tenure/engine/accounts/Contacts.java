package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    public List<Contact> of(String accountId) {
        return jdbc.sql("""
                        SELECT account_id, email, name, role, timezone, active, unsubscribed FROM contact
                        WHERE account_id = ? ORDER BY role, email""")
                .param(accountId)
                .query((rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                        ContactRole.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)))
                .list();
    }

    /** The contacts of many accounts in one query, by account id; an account without contacts is absent. */
    public Map<String, List<Contact>> ofAccounts(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT account_id, email, name, role, timezone, active, unsubscribed FROM contact
                        WHERE account_id = ANY(?) ORDER BY account_id, role, email""")
                .param(accountIds.toArray(String[]::new))
                .query((rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                        ContactRole.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)))
                .list().stream().collect(Collectors.groupingBy(Contact::accountId));
    }
}
