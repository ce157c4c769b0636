package dev.tenure.connectors.segment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The account each Segment user was last put in by a group call (table {@code segment_user_group}). */
@Repository
class UserGroups {

    private final JdbcClient jdbc;

    UserGroups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> accountsOf(Collection<String> userIds) {
        Map<String, String> accounts = new HashMap<>();
        if (!userIds.isEmpty()) {
            jdbc.sql("SELECT user_id, account_id FROM segment_user_group WHERE user_id = ANY(?)")
                    .param(userIds.toArray(String[]::new))
                    .query((rs, n) -> accounts.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        return accounts;
    }

    /** The latest call wins, by its own time, so a late retry of an old group call does not move a user back. */
    void put(String userId, String accountId, Instant at) {
        jdbc.sql("""
                        INSERT INTO segment_user_group (user_id, account_id, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET account_id = EXCLUDED.account_id, updated_at = EXCLUDED.updated_at
                        WHERE segment_user_group.updated_at <= EXCLUDED.updated_at""")
                .params(userId, accountId, java.sql.Timestamp.from(at))
                .update();
    }
}
