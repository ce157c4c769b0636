package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.accounts.ReplayedStage;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Contact;
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
 * Every account as a replay from {@code from} to {@code to} starts it: what was known before that moment
 * (milestones, play runs, the last health score), its stage and contacts as they were then
 * ({@link AccountHistory}: a champion who left today is still the champion in May) with its last move into or
 * out of CHURNED by then, and the stage changes its sources made during the period, read in a few set-wise
 * queries. Stage moves made by rules are not replayed from history (the candidate rules make their own), nor
 * those of the lifecycle (the replay derives them from the billing signals it replays): {@link ReplayedStage#bySource}.
 * An account without stage history (stored before history was kept) is started as the lifecycle tells: churned
 * if its latest cancellation came before {@code from}, else at the stage it had before it churned.
 */
@Repository
class AccountStarts {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AccountHistory history;

    AccountStarts(JdbcClient jdbc, Accounts accounts, AccountHistory history) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.history = history;
    }

    List<AccountStart> asOf(Instant from, Instant to) {
        Timestamp at = Timestamp.from(from);
        Map<String, List<Contact>> contacts = history.contactsAsOf(null, from);
        Map<String, Stage> stages = history.stagesAsOf(null, from);
        Map<String, List<StageChange>> stageChanges = ReplayedStage.bySource(history.stageChanges(from, to));
        Map<String, Instant> lastMoves = history.lastLifecycleMovesAsOf(from);
        Map<String, Instant> knownChurns = history.churnedAtAsOf(from);
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
            Stage then = stages.get(stored.id());
            Account a = then != null ? stored.withStage(then) : l == null ? stored
                    : stored.withStage(Lifecycle.stageAt(stored.stage(), l.beforeChurn(), l.latestBefore(), l.changedSince()));
            starts.add(new AccountStart(a, contacts.getOrDefault(a.id(), List.of()), milestones.getOrDefault(a.id(), List.of()),
                    runs.getOrDefault(a.id(), List.of()), health.getOrDefault(a.id(), -1), stageChanges.getOrDefault(a.id(), List.of()),
                    a.stage() != Stage.CHURNED || l == null ? null
                            : l.beforeChurn() != null ? l.beforeChurn() : stored.stage().active() ? stored.stage() : null,
                    lastMoves.get(a.id()), a.stage() != Stage.CHURNED || knownChurns.containsKey(a.id())));
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
