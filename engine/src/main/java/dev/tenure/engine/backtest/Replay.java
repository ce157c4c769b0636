package dev.tenure.engine.backtest;

import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Replays signals, given in event-time order, through one rule set with a pseudo clock: each signal is
 * evaluated at the moment it happened (an account's signals of one moment together, as live takes a batch), and
 * an account without signals since a daily-evaluation time is evaluated at that time, as the live daily job
 * would. Signals before {@code from} only build history.
 * <p>
 * Accounts never affect each other, so they are split over lanes by account id; a lane sees its accounts'
 * signals in time order and owns their state, so nothing is shared between threads but the queues.
 */
final class Replay {

    private static final int CHUNK = 512;
    /** Told apart by identity: the last chunk a lane is handed. */
    private static final List<Signal> END = new ArrayList<>();

    private final Lane[] lanes;
    private final List<List<Signal>> pending = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Replay(RuleSet rules, HealthModel healthModel, StepPlacement placement, Collection<AccountStart> accounts,
           List<Instant> dailyTimes, Instant from, Instant to, int workers) {
        int count = Math.max(1, workers);
        lanes = new Lane[count];
        List<Instant> slices = HealthSeparation.sliceStarts(from, to);
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane(rules, healthModel, dailyTimes, slices, from, to, count > 1);
            pending.add(new ArrayList<>(CHUNK));
        }
        for (AccountStart start : accounts) {
            lanes[lane(start.account().id())].accounts.put(start.account().id(), new ReplayedAccount(start, placement));
        }
        if (count > 1) {
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(lanes[i], "backtest-lane-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    /** Takes the next signal; signals must come in event-time order. */
    void accept(Signal signal) {
        int lane = lane(signal.accountId());
        if (threads.isEmpty()) {
            lanes[lane].handle(signal);
            return;
        }
        List<Signal> chunk = pending.get(lane);
        chunk.add(signal);
        if (chunk.size() == CHUNK) {
            lanes[lane].put(chunk);
            pending.set(lane, new ArrayList<>(CHUNK));
        }
    }

    /** Runs the daily evaluations left before {@code to} and returns what every lane counted. */
    ReplayTally finish() {
        if (threads.isEmpty()) {
            lanes[0].end();
        } else {
            try {
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i].put(pending.get(i));
                    lanes[i].put(END);
                }
            } catch (RuntimeException e) {
                abandon();
                throw e;
            }
            for (Thread thread : threads) {
                join(thread);
            }
        }
        ReplayTally total = new ReplayTally();
        for (Lane lane : lanes) {
            if (lane.failure != null) {
                throw new IllegalStateException("The replay failed: " + lane.failure.getMessage(), lane.failure);
            }
            total.merge(lane.tally);
        }
        return total;
    }

    /** Stops the lanes without waiting for the signals still queued (the reading failed). */
    void abandon() {
        threads.forEach(Thread::interrupt);
    }

    private int lane(String accountId) {
        return Math.floorMod(accountId.hashCode(), lanes.length);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the replay", e);
        }
    }

    /** The accounts of one lane, their daily evaluations, and what they counted. */
    private static final class Lane implements Runnable {

        final Map<String, ReplayedAccount> accounts = new HashMap<>();
        final ReplayTally tally = new ReplayTally();
        private final BlockingQueue<List<Signal>> queue;
        private final RuleSet rules;
        private final HealthModel healthModel;
        private final List<Instant> dailyTimes;
        private final List<Instant> slices;
        private final Instant from;
        private final Instant to;
        private int nextDaily;
        private int nextSlice;
        /** The moment of the signals taken in but not yet evaluated ({@link #evaluateMoment}); null when none wait. */
        private Instant moment;
        /** Those signals, by account, in the order they came; an account's are evaluated together. */
        private final Map<ReplayedAccount, List<Signal>> arrived = new LinkedHashMap<>();
        private volatile Throwable failure;

        Lane(RuleSet rules, HealthModel healthModel, List<Instant> dailyTimes, List<Instant> slices, Instant from, Instant to,
             boolean threaded) {
            this.rules = rules;
            this.healthModel = healthModel;
            this.dailyTimes = dailyTimes;
            this.slices = slices;
            this.from = from;
            this.to = to;
            this.queue = threaded ? new ArrayBlockingQueue<>(8) : null;
        }

        @Override
        public void run() {
            try {
                for (List<Signal> chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    chunk.forEach(this::handle);
                }
                end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Hands a chunk to the lane's thread; fails rather than waits forever if that thread died. */
        void put(List<Signal> chunk) {
            try {
                while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    if (failure != null) {
                        throw new IllegalStateException("The replay failed: " + failure.getMessage(), failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while replaying", e);
            }
        }

        void handle(Signal signal) {
            Instant at = signal.occurredAt();
            ReplayedAccount account = accounts.get(signal.accountId());
            if (account == null || at.isBefore(from)) {
                if (account == null) {
                    tally.skipped++;
                } else if (account.add(signal)) {
                    tally.history++;
                }
                return;
            }
            if (moment != null && at.isAfter(moment)) {
                evaluateMoment();
            }
            closeDaysBefore(at);
            closeSlicesUpTo(at);
            dailyBeforeMove(account, signal);
            if (!account.add(signal)) {
                return;
            }
            tally.replayed++;
            if (signal instanceof BillingSignal b && b.event() == BillingEvent.SUBSCRIPTION_CANCELLED && account.cancels()) {
                tally.cancelled(account.id(), at, account.zone());
            }
            moment = at;
            arrived.computeIfAbsent(account, a -> new ArrayList<>()).add(signal);
        }

        /**
         * The day's daily evaluation of an account idle since it, when this signal is about to move the account (its
         * cancellation, a source's churn due by then). Live, the daily evaluation saw every account at its daily time,
         * whatever came later that day. Here an account with a signal later in the day is left to that signal's
         * evaluation ({@link #runDaily}), which sees all the daily one saw and more, but not the stage it saw when the
         * signal moved the account: a play the daily evaluation started hours before a cancellation would be missed.
         */
        private void dailyBeforeMove(ReplayedAccount account, Signal signal) {
            if (nextDaily >= dailyTimes.size()) {
                return;
            }
            Instant daily = dailyTimes.get(nextDaily);
            if (!signal.occurredAt().isBefore(daily) && account.idleSince(daily) && account.movesAt(signal)) {
                account.evaluate(rules, healthModel, List.of(), daily, tally);
                tally.daily++;
            }
        }

        /**
         * Evaluates each account that had signals at the moment just replayed, once, with all of them: the live intake
         * takes a batch's signals in, cancellation included, before it evaluates their accounts, so a failed payment
         * stamped with its cancellation's moment starts nothing live, and must not here.
         */
        private void evaluateMoment() {
            arrived.forEach((account, signals) -> account.evaluate(rules, healthModel, signals, moment, tally));
            arrived.clear();
            moment = null;
        }

        void end() {
            if (moment != null) {
                evaluateMoment();
            }
            while (nextDaily < dailyTimes.size()) {
                runDaily(nextDaily++);
            }
            closeSlicesUpTo(to);
            tally.customers = (int) accounts.values().stream().filter(ReplayedAccount::wasCustomer).count();
        }

        /**
         * Notes each account's health band at the slice starts up to this moment, scored from its signals
         * before the slice start; accounts churned then (in the period, or before it) are gone and not counted.
         */
        private void closeSlicesUpTo(Instant moment) {
            while (nextSlice < slices.size() && !slices.get(nextSlice).isAfter(moment)) {
                Instant start = slices.get(nextSlice++);
                for (ReplayedAccount account : accounts.values()) {
                    if (account.account().stage().active()) {
                        tally.bands.add(new ReplayTally.SliceBand(account.account(), start, account.bandAt(healthModel, rules.factSettings(), start)));
                    }
                }
            }
        }

        /** Closes the days that are over by this moment: a day lasts until the next daily time. */
        private void closeDaysBefore(Instant at) {
            while (nextDaily + 1 < dailyTimes.size() && !at.isBefore(dailyTimes.get(nextDaily + 1))) {
                runDaily(nextDaily++);
            }
        }

        /**
         * The daily evaluation, for the accounts that were not evaluated since: an account that had a
         * signal that day was already evaluated with the same day's facts. An idle account had no signal
         * since the daily time, so evaluating it once its day is over sees what the live job saw.
         */
        private void runDaily(int index) {
            Instant daily = dailyTimes.get(index);
            closeSlicesUpTo(daily);
            for (ReplayedAccount account : accounts.values()) {
                if (account.idleSince(daily)) {
                    account.evaluate(rules, healthModel, List.of(), daily, tally);
                    tally.daily++;
                }
            }
        }
    }
}
