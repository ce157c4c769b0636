package dev.tenure.engine.backtest;

import dev.tenure.engine.vocabulary.Account;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay counted: every play a rule would have started (rule, play, account, moment); the customers and
 * those of them that cancelled, and when; each account's health band at the start of each slice of the period. Each
 * worker keeps its own and they are merged at the end, so no lock is taken per signal.
 */
final class ReplayTally {

    /**
     * A play a rule would have started; {@code customer}: the account was a customer then (after a cancellation, only
     * one that came back is); {@code zone}: the account's, whose calendar counts the days to its cancellation.
     */
    record Start(String rule, String play, String accountId, Instant at, boolean customer, ZoneId zone) {
    }

    /** The band an account had at the start of a health slice ({@code UNSCORED} never happens: it is scored then). */
    record SliceBand(Account account, Instant sliceStart, String band) {
    }

    final List<Start> starts = new ArrayList<>();
    final List<SliceBand> bands = new ArrayList<>();
    /** Each account's first cancellation. */
    final Map<String, Instant> cancellations = new HashMap<>();
    /** The time zone of each account that cancelled, whose calendar counts the days of its window. */
    final Map<String, ZoneId> zones = new HashMap<>();
    /** Each account's cancellations, in any order: one that came back may cancel again. */
    final Map<String, List<Instant>> everyCancellation = new HashMap<>();
    /**
     * Accounts that were customers at some moment of the replay: when it began, or back later. An account churned
     * before it and never back is a former customer, neither healthy nor at risk, and counts in no figure.
     */
    int customers;
    long replayed;
    long history;
    long evaluations;
    long daily;
    long skipped;

    void started(String rule, String play, String accountId, Instant at, boolean customer, ZoneId zone) {
        starts.add(new Start(rule, play, accountId, at, customer, zone));
    }

    void cancelled(String accountId, Instant at, ZoneId zone) {
        cancellations.merge(accountId, at, (a, b) -> a.isBefore(b) ? a : b);
        zones.put(accountId, zone);
        everyCancellation.computeIfAbsent(accountId, id -> new ArrayList<>()).add(at);
    }

    void evaluated() {
        evaluations++;
    }

    void merge(ReplayTally other) {
        starts.addAll(other.starts);
        bands.addAll(other.bands);
        other.everyCancellation.forEach((account, times) -> times.forEach(at -> cancelled(account, at, other.zones.get(account))));
        customers += other.customers;
        replayed += other.replayed;
        history += other.history;
        evaluations += other.evaluations;
        daily += other.daily;
        skipped += other.skipped;
    }
}
