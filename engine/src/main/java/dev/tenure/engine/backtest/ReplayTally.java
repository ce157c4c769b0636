package dev.tenure.engine.backtest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a replay counted: per rule, the plays it would have started and for whom; the accounts that
 * cancelled, and when. Each worker keeps its own and they are merged at the end, so no lock is taken per
 * signal.
 */
final class ReplayTally {

    /** Per rule: the plays it started, and per account the first start and how many. */
    static final class RuleStarts {
        final TreeSet<String> plays = new TreeSet<>();
        final Map<String, AccountStarts> accounts = new HashMap<>();
        long count;
    }

    record AccountStarts(Instant first, int count) {
        AccountStarts plus(AccountStarts other) {
            return new AccountStarts(first.isBefore(other.first) ? first : other.first, count + other.count);
        }
    }

    final Map<String, RuleStarts> rules = new HashMap<>();
    final Map<String, Instant> cancellations = new HashMap<>();
    long replayed;
    long history;
    long evaluations;
    long daily;
    long skipped;

    void started(String rule, String play, String accountId, Instant at) {
        RuleStarts starts = rules.computeIfAbsent(rule, r -> new RuleStarts());
        starts.plays.add(play);
        starts.count++;
        starts.accounts.merge(accountId, new AccountStarts(at, 1), AccountStarts::plus);
    }

    void cancelled(String accountId, Instant at) {
        cancellations.merge(accountId, at, (a, b) -> a.isBefore(b) ? a : b);
    }

    void evaluated() {
        evaluations++;
    }

    void merge(ReplayTally other) {
        other.rules.forEach((rule, theirs) -> {
            RuleStarts mine = rules.computeIfAbsent(rule, r -> new RuleStarts());
            mine.plays.addAll(theirs.plays);
            mine.count += theirs.count;
            theirs.accounts.forEach((account, starts) -> mine.accounts.merge(account, starts, AccountStarts::plus));
        });
        other.cancellations.forEach(this::cancelled);
        replayed += other.replayed;
        history += other.history;
        evaluations += other.evaluations;
        daily += other.daily;
        skipped += other.skipped;
    }
}
