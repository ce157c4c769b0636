package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.plays.AccountLifecycle;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies what a stored batch says about accounts' lifecycles, in the transaction that stores it and before
 * any account of it is evaluated: so a failed payment and a cancellation in one import never start the
 * failed-payment play. A cancellation or reactivation counts only when it is the account's latest one stored,
 * and newer than the account's last move into or out of CHURNED (its stage history): an old cancellation
 * imported late does not churn an account that came back since, by a reactivation or a source's stage, nor an
 * old reactivation bring back one a source churned since. Accounts are changed in id order, as evaluations
 * lock them.
 */
@Component
class LifecycleSignals {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AccountHistory history;
    private final AccountLifecycle lifecycle;

    LifecycleSignals(JdbcClient jdbc, Accounts accounts, AccountHistory history, AccountLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.history = history;
        this.lifecycle = lifecycle;
    }

    /**
     * After these signals were stored (the new ones only): churns and reactivates their accounts. The accounts are
     * locked before anything is read: a writer storing another lifecycle signal of one of them at once (another chunk
     * of the file, another node) waits until this one commits, then finds its signal among the latest and the stage it
     * left. Read unlocked, each saw only its own signal, and a reactivation stored beside an earlier cancellation left
     * the account churned.
     */
    void afterSignals(Collection<Signal> stored, Instant now) {
        TreeSet<String> ids = new TreeSet<>();
        stored.stream().filter(s -> Lifecycle.event(s) != null).forEach(s -> ids.add(s.accountId()));
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Account> current = new TreeMap<>();
        accounts.lockAll(ids).forEach(a -> current.put(a.id(), a));
        Map<String, Latest> latest = latest(ids, now);
        Map<String, Stage> before = accounts.stagesBeforeChurn(ids);
        Map<String, Instant> moved = history.lastLifecycleMoves(ids);
        latest.forEach((id, last) -> {
            Account account = current.get(id);
            Optional<Stage> to = Lifecycle.onBilling(last.event(), last.at(), account.stage(), before.get(id), moved.get(id));
            to.ifPresent(stage -> lifecycle.move(id, account.stage(), stage, last.at(), ChangeCause.lifecycle(
                    last.event() == BillingEvent.SUBSCRIPTION_CANCELLED
                            ? "subscription cancelled at " + last.at() : "subscription reactivated at " + last.at()), now));
        });
    }

    private record Latest(BillingEvent event, Instant at) {
    }

    /**
     * The latest cancellation or reactivation stored for each of these accounts that has one, of those that have
     * happened by {@code now} (the intake refuses those stamped ahead; one stored before it did waits for its time).
     */
    private Map<String, Latest> latest(Collection<String> ids, Instant now) {
        Map<String, Latest> latest = new TreeMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (account_id) account_id, payload->>'event', occurred_at FROM signal
                        WHERE account_id = ANY(?) AND kind = 'billing'
                          AND payload->>'event' IN ('SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED')
                          AND occurred_at <= ?
                        ORDER BY account_id, occurred_at DESC, id DESC""")
                .params(ids.toArray(String[]::new), Timestamp.from(Lifecycle.latestHappened(now)))
                .query(rs -> {
                    latest.put(rs.getString(1), new Latest(BillingEvent.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant()));
                });
        return latest;
    }

    /**
     * Before these accounts are stored: the stage each one given with a stage has as the batch starts storing it, so
     * {@link #afterAccounts} can tell which ones a source churned or brought back. A stored account has its stored
     * stage, its row locked until the transaction ends (a writer storing it at once waits, and starts from the stage
     * this one leaves); a new one the stage its first record inserts it with, so a file that names it again with
     * another stage moves it there.
     */
    Map<String, Stage> stagesBefore(List<Labeled<Account>> given) {
        List<String> ids = given.stream().filter(a -> a.value().stage() != null).map(a -> a.value().id()).distinct().toList();
        Map<String, Stage> stages = new TreeMap<>();
        if (ids.isEmpty()) {
            return stages;
        }
        accounts.lockAll(ids).forEach(a -> stages.put(a.id(), a.stage()));
        for (Labeled<Account> record : given) {
            if (ids.contains(record.value().id())) {
                stages.putIfAbsent(record.value().id(), Accounts.stageOnInsert(record.value()));
            }
        }
        return stages;
    }

    /**
     * After these accounts were stored: a stage CHURNED churns an account, another stage brings back an account a
     * source churned. An account churned by a cancellation comes back only with a reactivation, so an export
     * that still says VALUE (its system not yet told) does not undo a cancellation; a cancellation older than the
     * account's last move into CHURNED (an old one imported late, after a source churned it) is history and holds
     * nothing back.
     */
    void afterAccounts(List<Labeled<Account>> given, Map<String, Stage> stagesBefore, Instant now) {
        Map<String, Labeled<Account>> last = new TreeMap<>();
        given.stream().filter(a -> a.value().stage() != null).forEach(a -> last.put(a.value().id(), a));
        List<String> comingBack = last.keySet().stream().filter(id -> stagesBefore.get(id) == Stage.CHURNED
                && last.get(id).value().stage().active()).toList();
        Map<String, Latest> cancelled = comingBack.isEmpty() ? Map.of() : latest(comingBack, now);
        Map<String, Instant> moved = comingBack.isEmpty() ? Map.of() : history.lastLifecycleMoves(comingBack);
        last.forEach((id, record) -> {
            Stage was = stagesBefore.get(id);
            Latest lifecycleSignal = cancelled.get(id);
            boolean stillCancelled = lifecycleSignal != null && lifecycleSignal.event() == BillingEvent.SUBSCRIPTION_CANCELLED
                    && !Lifecycle.isHistory(lifecycleSignal.at(), moved.get(id));
            if (was != null && !stillCancelled) {
                Lifecycle.onSource(record.value().stage(), was).ifPresent(stage ->
                        lifecycle.move(id, was, stage, now, ChangeCause.source("stage " + stage + " from " + record.label()), now));
            }
        });
    }
}
