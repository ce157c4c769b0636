package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.rules.AccountEvaluator;
import dev.tenure.engine.rules.Evaluation;
import dev.tenure.engine.schedule.StepScheduler;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
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
 * steps that became due.
 */
@Service
public class SignalIntake implements Intake {

    private final Accounts accounts;
    private final Contacts contacts;
    private final SignalStore signals;
    private final AccountEvaluator evaluator;
    private final StepScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public SignalIntake(Accounts accounts, Contacts contacts, SignalStore signals, AccountEvaluator evaluator,
                        StepScheduler scheduler, TransactionTemplate transaction, Clock clock) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.signals = signals;
        this.evaluator = evaluator;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public IntakeResult accept(Batch batch) {
        Instant now = clock.instant();
        Outcome outcome = transaction.execute(tx -> {
            checkAccountsKnown(batch);
            batch.accounts().forEach(a -> accounts.upsert(a.value()));
            batch.contacts().forEach(c -> contacts.upsert(c.value()));
            List<Signal> stored = signals.store(batch.signals().stream().map(Labeled::value).toList());
            Set<String> touched = new TreeSet<>();
            batch.accounts().forEach(a -> touched.add(a.value().id()));
            batch.contacts().forEach(c -> touched.add(c.value().accountId()));
            stored.forEach(s -> touched.add(s.accountId()));
            Map<String, List<Signal>> arrived = stored.stream().filter(s -> SignalStore.recent(s, now))
                    .collect(Collectors.groupingBy(Signal::accountId));
            Outcome evaluated = evaluate(touched, arrived, now);
            int accepted = batch.accounts().size() + batch.contacts().size() + stored.size();
            return new Outcome(accepted, batch.signals().size() - stored.size(), evaluated.evaluations, evaluated.due);
        });
        scheduler.wake(outcome.due());
        return outcome.result();
    }

    @Override
    public IntakeResult reevaluate(Collection<String> accountIds) {
        Instant now = clock.instant();
        int evaluated = 0;
        int started = 0;
        // One transaction per account: a long sweep must not hold every account's lock at once.
        for (String id : new TreeSet<>(accountIds)) {
            Outcome outcome = transaction.execute(tx -> evaluate(Set.of(id), Map.of(), now));
            scheduler.wake(outcome.due());
            evaluated++;
            started += outcome.evaluations.stream().mapToInt(e -> e.started().size()).sum();
        }
        return new IntakeResult(0, 0, evaluated, started);
    }

    /** Accounts are evaluated in id order, so two batches lock shared accounts in the same order. */
    private Outcome evaluate(Set<String> accountIds, Map<String, List<Signal>> arrived, Instant now) {
        List<Evaluation> evaluations = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        for (String id : accountIds) {
            Evaluation e = evaluator.evaluate(id, arrived.getOrDefault(id, List.of()), now);
            evaluations.add(e);
            e.started().stream().map(StartedRun::dueTimes).forEach(due::addAll);
        }
        return new Outcome(0, 0, evaluations, due);
    }

    private void checkAccountsKnown(Batch batch) {
        Set<String> referenced = new HashSet<>();
        batch.contacts().forEach(c -> referenced.add(c.value().accountId()));
        batch.signals().forEach(s -> referenced.add(s.value().accountId()));
        Set<String> known = new HashSet<>(accounts.existing(referenced));
        batch.accounts().stream().map(Labeled::value).map(Account::id).forEach(known::add);
        List<RecordError> errors = new ArrayList<>();
        for (Labeled<Contact> c : batch.contacts()) {
            if (!known.contains(c.value().accountId())) {
                errors.add(unknown(c.label(), c.value().accountId()));
            }
        }
        for (Labeled<Signal> s : batch.signals()) {
            if (!known.contains(s.value().accountId())) {
                errors.add(unknown(s.label(), s.value().accountId()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
    }

    private static RecordError unknown(String label, String accountId) {
        return new RecordError(label, "accountId", "unknown account '" + accountId + "'");
    }

    private record Outcome(int accepted, int duplicates, List<Evaluation> evaluations, List<Instant> due) {
        IntakeResult result() {
            int started = evaluations.stream().mapToInt(e -> e.started().size()).sum();
            return new IntakeResult(accepted, duplicates, evaluations.size(), started);
        }
    }
}
