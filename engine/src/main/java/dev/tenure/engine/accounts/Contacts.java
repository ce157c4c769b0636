package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

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
}
