package dev.tenure.engine.intake;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.accounts.ContactUpdate;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.meters.EngineMeters;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.rules.AccountEvaluator;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.Evaluation;
import dev.tenure.engine.schedule.StepScheduler;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Stores a batch and evaluates the accounts it touched, all in one transaction, so a batch is either
 * wholly in (with the plays it started) or not at all. The scheduler is woken after the commit for the
 * steps that became due. A large file takes the other path: {@link #store} each chunk, which queues the
 * accounts it touched, then {@link #evaluateQueued} once, so each account is evaluated once per file.
 */
@Service
public class SignalIntake implements Intake {

    /** Accounts evaluated together: their facts are read in one query per kind, and locked for one transaction. */
    static final int GROUP = 500;

    private final Accounts accounts;
    private final KnownAccounts knownAccounts;
    private final Contacts contacts;
    private final SignalStore signals;
    private final EvaluationQueue queue;
    private final AccountEvaluator evaluator;
    private final ActiveRuleSet rules;
    private final StepScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final LifecycleSignals lifecycle;
    private final EngineMeters meters;

    SignalIntake(Accounts accounts, KnownAccounts knownAccounts, Contacts contacts, SignalStore signals, EvaluationQueue queue,
                 AccountEvaluator evaluator, ActiveRuleSet rules, StepScheduler scheduler, TransactionTemplate transaction,
                 Clock clock, LifecycleSignals lifecycle, EngineMeters meters) {
        this.lifecycle = lifecycle;
        this.meters = meters;
        this.accounts = accounts;
        this.knownAccounts = knownAccounts;
        this.contacts = contacts;
        this.signals = signals;
        this.queue = queue;
        this.evaluator = evaluator;
        this.rules = rules;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public IntakeResult accept(Batch batch) {
        Instant now = receivedNow();
        Outcome outcome = transaction.execute(tx -> {
            Stored stored = storeIn(batch, now);
            Map<String, List<Signal>> arrived = stored.signals().stream().filter(s -> SignalStore.recent(s, now))
                    .collect(Collectors.groupingBy(Signal::accountId));
            return evaluate(stored.touched(), arrived, now).with(stored.accepted(), stored.duplicates());
        });
        counted(outcome);
        scheduler.wake(outcome.due());
        return outcome.result();
    }

    @Override
    public IntakeResult store(Batch batch) {
        return transaction.execute(tx -> {
            Instant receivedAt = receivedNow();
            // The contacts' changes are found again by the evaluation, as recorded since the account was queued.
            List<Signal> all = storeAccountsAndContacts(batch, receivedAt, new ArrayList<>());
            int stored = signals.storeCounting(all, receivedAt);
            // Every lifecycle signal of the chunk, new or not: the check of which is the latest is cheap and harmless.
            lifecycle.afterSignals(all, receivedAt);
            // Every account the batch names: one whose signals were all duplicates is evaluated once more, harmlessly.
            queue.add(touched(batch, all), receivedAt);
            int accepted = batch.accounts().size() + batch.contacts().size() + stored;
            return new IntakeResult(accepted, batch.signals().size() - stored, 0, 0);
        });
    }

    @Override
    public IntakeResult evaluateQueued() {
        int evaluated = 0;
        int started = 0;
        while (true) {
            Instant now = clock.instant();
            // A group per transaction: a long queue must not hold every account's lock at once.
            Outcome outcome = transaction.execute(tx -> {
                Map<String, Instant> claimed = queue.claim(GROUP);
                Map<String, List<Signal>> arrived = queue.arrived(claimed, rules.get().eventKinds(), now);
                return evaluate(claimed.keySet(), arrived, now);
            });
            if (outcome.evaluations().isEmpty()) {
                return new IntakeResult(0, 0, evaluated, started);
            }
            counted(outcome);
            scheduler.wake(outcome.due());
            evaluated += outcome.evaluations().size();
            started += outcome.result().playsStarted();
        }
    }

    @Override
    public IntakeResult reevaluate(Collection<String> accountIds) {
        Instant now = clock.instant();
        int evaluated = 0;
        int started = 0;
        List<String> ids = List.copyOf(new TreeSet<>(accountIds));
        // A group per transaction: a long sweep must not hold every account's lock at once.
        for (int from = 0; from < ids.size(); from += GROUP) {
            List<String> group = ids.subList(from, Math.min(ids.size(), from + GROUP));
            Outcome outcome = transaction.execute(tx -> evaluate(group, Map.of(), now));
            counted(outcome);
            scheduler.wake(outcome.due());
            evaluated += outcome.evaluations().size();
            started += outcome.result().playsStarted();
        }
        return new IntakeResult(0, 0, evaluated, started);
    }

    /**
     * Now, as a signal's {@code received_at} and the evaluation queue's {@code since} are compared: in whole
     * microseconds, as PostgreSQL keeps them, so neither side is rounded past the other.
     */
    private Instant receivedNow() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Checks and stores a batch; returns the new signals, with the changes its contacts made (which rules see
     * as events too), and every account the batch touched.
     */
    private Stored storeIn(Batch batch, Instant receivedAt) {
        List<Signal> changes = new ArrayList<>();
        List<Signal> stored = new ArrayList<>(signals.store(storeAccountsAndContacts(batch, receivedAt, changes), receivedAt));
        lifecycle.afterSignals(stored, receivedAt);
        int accepted = batch.accounts().size() + batch.contacts().size() + stored.size();
        int duplicates = batch.signals().size() - stored.size();
        stored.addAll(changes);
        return new Stored(stored, touched(batch, stored), accepted, duplicates);
    }

    /**
     * Checks that every record names a known account, stores the accounts and contacts (adding what changed
     * about the contacts to {@code changes}); returns the signals.
     */
    private List<Signal> storeAccountsAndContacts(Batch batch, Instant now, List<Signal> changes) {
        checkRecords(batch, now);
        Map<String, Stage> stagesBefore = lifecycle.stagesBefore(batch.accounts());
        batch.accounts().forEach(a -> accounts.upsert(a.value(), now, ChangeCause.source(a.label())));
        lifecycle.afterAccounts(batch.accounts(), stagesBefore, now);
        changes.addAll(contacts.upsertAll(batch.contacts().stream()
                .map(c -> new ContactUpdate(c.value(), c.at(), ChangeCause.source(c.label()))).toList(), now));
        return batch.signals().stream().map(Labeled::value).toList();
    }

    private static Set<String> touched(Batch batch, List<Signal> signals) {
        // Unordered: the queue and the evaluation put accounts in id order themselves.
        Set<String> touched = new HashSet<>();
        batch.accounts().forEach(a -> touched.add(a.value().id()));
        batch.contacts().forEach(c -> touched.add(c.value().accountId()));
        signals.forEach(s -> touched.add(s.accountId()));
        return touched;
    }

    private record Stored(List<Signal> signals, Set<String> touched, int accepted, int duplicates) {
    }

    /**
     * Refuses the batch, naming every record and field, when a value is out of bounds ({@link RecordBounds})
     * or a record names an account that does not exist: nothing of it reaches the database.
     */
    private void checkRecords(Batch batch, Instant now) {
        List<RecordError> errors = new ArrayList<>(BatchBounds.check(batch, now));
        Set<String> referenced = new HashSet<>();
        batch.contacts().forEach(c -> referenced.add(c.value().accountId()));
        batch.signals().forEach(s -> referenced.add(s.value().accountId()));
        referenced.removeIf(id -> id == null || RecordBounds.idProblem(id) != null);
        Set<String> known = knownAccounts.existing(referenced);
        batch.accounts().stream().map(Labeled::value).map(Account::id).forEach(known::add);
        for (Labeled<Contact> c : batch.contacts()) {
            if (!known.contains(c.value().accountId()) && RecordBounds.idProblem(c.value().accountId()) == null) {
                errors.add(unknown(c.label(), c.value().accountId()));
            }
        }
        for (Labeled<Signal> s : batch.signals()) {
            if (!known.contains(s.value().accountId()) && RecordBounds.idProblem(s.value().accountId()) == null) {
                errors.add(unknown(s.label(), s.value().accountId()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
    }

    /** Runs these accounts through the rules, timing it (the time is counted once the transaction commits). */
    private Outcome evaluate(Collection<String> accountIds, Map<String, List<Signal>> arrived, Instant now) {
        long started = System.nanoTime();
        List<Evaluation> evaluations = evaluator.evaluateAll(accountIds, arrived, now);
        return new Outcome(0, 0, evaluations, Duration.ofNanos(System.nanoTime() - started));
    }

    /** After the commit, also a caller's: a group that rolled back is evaluated again, and counts then. */
    private void counted(Outcome outcome) {
        AfterCommit.count(() -> {
            meters.evaluated(outcome.evaluations().size(), outcome.took());
            outcome.evaluations().forEach(e -> e.started().forEach(run -> meters.playStarted(run.playId())));
        });
    }

    private static RecordError unknown(String label, String accountId) {
        return new RecordError(label, "accountId", "unknown account '" + RecordBounds.shown(accountId) + "'");
    }

    private record Outcome(int accepted, int duplicates, List<Evaluation> evaluations, Duration took) {
        Outcome with(int accepted, int duplicates) {
            return new Outcome(accepted, duplicates, evaluations, took);
        }

        List<Instant> due() {
            List<Instant> due = new ArrayList<>();
            evaluations.forEach(e -> e.started().stream().map(StartedRun::dueTimes).forEach(due::addAll));
            return due;
        }

        IntakeResult result() {
            int started = evaluations.stream().mapToInt(e -> e.started().size()).sum();
            return new IntakeResult(accepted, duplicates, evaluations.size(), started);
        }
    }
}
