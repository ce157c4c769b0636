package dev.tenure.engine.cadences;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.SendWindowProperties;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.schedule.StepScheduler;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over every play with a cadence: writes the occurrences coming up within the horizon as play
 * runs with their step rows (again, once the account is active again, those whose run its churn stopped), a
 * page of accounts per transaction, then wakes the scheduler for their steps. The start guard has the last word
 * on each account's stage, in the transaction that writes its occurrence. The steps run like any play's
 * (still applies, send windows, pause, cancel, timeline, why). Running a pass again, on this node or
 * another, writes nothing twice.
 */
@Service
public class Cadences {

    private static final Logger log = LoggerFactory.getLogger(Cadences.class);

    private final ActiveRuleSet rules;
    private final Occurrences occurrences;
    private final Contacts contacts;
    private final StepScheduler scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CadenceProperties properties;
    private final OccurrencePlanner planner;
    private final EngineProperties engine;
    private final StartGuard guard;

    public Cadences(ActiveRuleSet rules, Occurrences occurrences, Contacts contacts, StepScheduler scheduler,
                    PlatformTransactionManager transactions, Clock clock, CadenceProperties properties,
                    EngineProperties engine, SendWindowProperties sendWindow, StartGuard guard) {
        this.guard = guard;
        this.rules = rules;
        this.occurrences = occurrences;
        this.contacts = contacts;
        this.scheduler = scheduler;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.engine = engine;
        this.planner = new OccurrencePlanner(new StepPlacement(engine.defaultTimezone(), sendWindow.hours()),
                properties.horizon());
    }

    /** Call outside a transaction: each page commits before the scheduler is woken for it. */
    public CadencePass run() {
        return run(clock.instant());
    }

    /** A pass as at {@code now}; the steps still run at their real due times. */
    public CadencePass run(Instant now) {
        RuleSet ruleSet = rules.get();
        CadencePass total = new CadencePass(0, 0, 0);
        for (PlayDefinition play : ruleSet.plays().values()) {
            if (play.hasCadence()) {
                CadencePass pass = run(play, ruleSet.version(), now);
                if (pass.occurrences() > 0) {
                    log.info("Cadence of play {} ({}): {} occurrence(s) scheduled, {} step(s)", play.id(),
                            play.cadence().describe(), pass.occurrences(), pass.steps());
                }
                total = total.plus(pass);
            }
        }
        return total;
    }

    /**
     * The occurrences whose accounts the play is still for, asked of the start guard in the transaction that writes
     * them: the page was read unlocked, and an account may have churned since (or be churning now: the guard waits
     * for it).
     */
    private List<PlannedOccurrence> admitted(PlayDefinition play, List<PlannedOccurrence> planned) {
        if (planned.isEmpty()) {
            return planned;
        }
        Map<String, String> refused = guard.lifecycleRefusals(planned.stream().map(o -> o.account().id()).toList(),
                play.audience());
        refused.forEach((accountId, why) -> log.info("Cadence of play {}: no occurrence for account {}: {}", play.id(),
                accountId, why));
        return planned.stream().filter(o -> !refused.containsKey(o.account().id())).toList();
    }

    private CadencePass run(PlayDefinition play, String version, Instant now) {
        // Loose bounds, a day either side of every account's own today; the planner decides exactly.
        LocalDate today = now.atZone(engine.defaultTimezone()).toLocalDate();
        long lead = play.steps().stream().map(s -> s.before().wholeDays()).max(Comparator.naturalOrder()).orElse(0L)
                + properties.horizon().toDays() + 4;
        LocalDate from = today.minusDays(1);
        LocalDate to = today.plusDays(lead);
        boolean needsContacts = play.steps().stream()
                .anyMatch(s -> s.type() == StepType.EMAIL && !s.window().anyTime());
        CadencePass total = new CadencePass(0, 0, 0);
        String after = "";
        while (true) {
            List<Account> page = occurrences.candidates(play, from, to, after, properties.batchSize());
            if (page.isEmpty()) {
                return total;
            }
            after = page.get(page.size() - 1).id();
            List<String> ids = page.stream().map(Account::id).toList();
            Map<String, List<Contact>> people = needsContacts ? contacts.ofAccounts(ids) : Map.of();
            Map<String, List<StoppedRun>> stopped = occurrences.stoppedRuns(play, ids, from);
            List<PlannedOccurrence> planned = new ArrayList<>();
            for (Account account : page) {
                Optional<PlannedOccurrence> o = planner.plan(play, account, people.getOrDefault(account.id(), List.of()), now,
                        stopped.getOrDefault(account.id(), List.of()));
                o.ifPresent(planned::add);
            }
            Map<Long, PlannedOccurrence> written = transaction.execute(tx ->
                    occurrences.write(play, version, admitted(play, planned), now));
            List<Instant> due = new ArrayList<>();
            int steps = 0;
            for (PlannedOccurrence o : written.values()) {
                for (PlannedStep s : o.steps()) {
                    steps++;
                    if (s.skipped() == null) {
                        due.add(s.dueAt());
                    }
                }
            }
            scheduler.wake(due);
            total = total.plus(new CadencePass(planned.size(), written.size(), steps));
        }
    }
}
