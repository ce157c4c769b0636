package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every account as a replay from {@code from} starts it: what was known before that moment (milestones,
 * play runs, the last health score), read in a few set-wise queries. The account's stage is the one
 * stored now, except that an account churned is started as it was at {@code from}: churned if its latest
 * cancellation came before, else at the stage it had before it churned (stage history is not kept otherwise).
 */
@Repository
class AccountStarts {

    private final JdbcClient jdbc;
    private final Accounts accounts;

    AccountStarts(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    List<AccountStart> asOf(Instant from) {
        Timestamp at = Timestamp.from(from);
        Map<String, List<Contact>> contacts = new HashMap<>();
        jdbc.sql("SELECT account_id, email, name, role, timezone, active, unsubscribed FROM contact ORDER BY account_id, role, email")
                .query(rs -> {
                    Contact c = new Contact(rs.getString(1), rs.getString(2), rs.getString(3),
                            ContactRole.valueOf(rs.getString(4)), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7));
                    contacts.computeIfAbsent(c.accountId(), id -> new ArrayList<>()).add(c);
                });
        Map<String, List<Milestone>> milestones = new HashMap<>();
        jdbc.sql("SELECT account_id, type, reached_at FROM milestone WHERE reached_at < ?").param(at)
                .query(rs -> {
                    Milestone m = new Milestone(rs.getString(1), MilestoneType.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant());
                    milestones.computeIfAbsent(m.accountId(), id -> new ArrayList<>()).add(m);
                });
        // A run still going ends when its last step is due; the rules then see it as they would have.
        Map<String, List<ReplayedRun>> runs = new HashMap<>();
        jdbc.sql("""
                        SELECT r.account_id, r.play_id, r.started_at,
                               coalesce(r.ended_at, (SELECT max(s.due_at) FROM play_step s WHERE s.run_id = r.id), r.started_at),
                               r.audience
                        FROM play_run r WHERE r.started_at < ?""").param(at)
                .query(rs -> {
                    runs.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ReplayedRun(rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), Audience.valueOf(rs.getString(5))));
                });
        Map<String, Integer> health = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, score FROM health_score WHERE computed_at < ?
                        ORDER BY account_id, computed_at DESC, id DESC""").param(at)
                .query(rs -> {
                    health.put(rs.getString(1), rs.getInt(2));
                });
        Map<String, Lifecycles> lifecycles = lifecycles(at);
        List<AccountStart> starts = new ArrayList<>();
        for (Account stored : accounts.list(null, Integer.MAX_VALUE, 0)) {
            Lifecycles l = lifecycles.get(stored.id());
            Account a = l == null ? stored
                    : stored.withStage(Lifecycle.stageAt(stored.stage(), l.beforeChurn(), l.latestBefore(), l.changedSince()));
            starts.add(new AccountStart(a, contacts.getOrDefault(a.id(), List.of()), milestones.getOrDefault(a.id(), List.of()),
                    runs.getOrDefault(a.id(), List.of()), health.getOrDefault(a.id(), -1),
                    a.stage() != Stage.CHURNED || l == null ? null
                            : l.beforeChurn() != null ? l.beforeChurn() : stored.stage().active() ? stored.stage() : null));
        }
        return starts;
    }

    private record Lifecycles(Stage beforeChurn, BillingEvent latestBefore, boolean changedSince) {
    }

    /**
     * For each account churned now or with a cancellation or reactivation: the stage it had before it churned,
     * its latest cancellation or reactivation before {@code at}, and whether one came since; so the replay
     * starts it as it was at {@code at} and its own signals churn it at their moment.
     */
    private Map<String, Lifecycles> lifecycles(Timestamp at) {
        Map<String, Lifecycles> found = new HashMap<>();
        jdbc.sql("""
                        SELECT a.id, a.stage_before_churn,
                               (SELECT s.payload->>'event' FROM signal s WHERE s.account_id = a.id AND s.kind = 'billing'
                                  AND s.payload->>'event' IN ('SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED') AND s.occurred_at < ?
                                ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1),
                               EXISTS (SELECT 1 FROM signal s WHERE s.account_id = a.id AND s.kind = 'billing'
                                  AND s.payload->>'event' IN ('SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED') AND s.occurred_at >= ?)
                        FROM account a WHERE a.stage = 'CHURNED' OR EXISTS (SELECT 1 FROM signal s WHERE s.account_id = a.id
                              AND s.kind = 'billing' AND s.payload->>'event' IN ('SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED'))""")
                .params(at, at)
                .query(rs -> {
                    String before = rs.getString(2);
                    String latest = rs.getString(3);
                    found.put(rs.getString(1), new Lifecycles(before == null ? null : Stage.valueOf(before),
                            latest == null ? null : BillingEvent.valueOf(latest), rs.getBoolean(4)));
                });
        return found;
    }
}
