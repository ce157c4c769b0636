package dev.tenure.engine.accounts;

import dev.tenure.engine.vocabulary.MilestoneType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Journey milestones reached; each is reached once per account. */
@Repository
public class Milestones {

    private final JdbcClient jdbc;

    public Milestones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this is the first time the account reaches the milestone. */
    public boolean reach(String accountId, MilestoneType type, Instant at, String rule) {
        return jdbc.sql("""
                        INSERT INTO milestone (account_id, type, reached_at, rule_name) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id, type) DO NOTHING""")
                .params(accountId, type.name(), Timestamp.from(at), rule).update() == 1;
    }
}
