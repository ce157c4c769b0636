package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeOrigin;
import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.vocabulary.Account;
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
 * ({@link AccountHistory}: a champion who left today is still the champion in May), and the stage changes
 * its sources made during the period, read in a few set-wise queries. Stage moves made by rules are not
 * replayed from history (the candidate rules make their own), nor those of the lifecycle (the replay
 * derives them from the billing signals it replays).
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
        Map<String, List<StageChange>> stageChanges = new HashMap<>();
        history.stageChanges(from, to).stream().filter(c -> c.origin() == ChangeOrigin.SOURCE)
                .forEach(c -> stageChanges.computeIfAbsent(c.accountId(), id -> new ArrayList<>()).add(c));
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
                               coalesce(r.ended_at, (SELECT max(s.due_at) FROM play_step s WHERE s.run_id = r.id), r.started_at)
                        FROM play_run r WHERE r.started_at < ?""").param(at)
                .query(rs -> {
                    runs.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ReplayedRun(rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                });
        Map<String, Integer> health = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, score FROM health_score WHERE computed_at < ?
                        ORDER BY account_id, computed_at DESC, id DESC""").param(at)
                .query(rs -> {
                    health.put(rs.getString(1), rs.getInt(2));
                });
        List<AccountStart> starts = new ArrayList<>();
        for (Account now : accounts.list(null, Integer.MAX_VALUE, 0)) {
            Account a = now.withStage(stages.getOrDefault(now.id(), now.stage()));
            starts.add(new AccountStart(a, contacts.getOrDefault(a.id(), List.of()), milestones.getOrDefault(a.id(), List.of()),
                    runs.getOrDefault(a.id(), List.of()), health.getOrDefault(a.id(), -1), stageChanges.getOrDefault(a.id(), List.of())));
        }
        return starts;
    }
}
