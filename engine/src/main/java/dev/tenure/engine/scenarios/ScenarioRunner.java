package dev.tenure.engine.scenarios;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.accounts.ReplayedStage;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.Decision;
import dev.tenure.engine.rules.RuleEvaluationException;
import dev.tenure.engine.rules.RuleOutcome;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.scenarios.ScenarioOutcome.HeldBackPlay;
import dev.tenure.engine.scenarios.ScenarioOutcome.StartedPlay;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one scenario in memory, the way the live engine evaluates an account, with nothing stored: the
 * signals are rolled up by {@link SignalHistory}, health is scored by the rule set's health model, the rules are
 * evaluated at the scenario's now (signals of the last 7 days are the events that just arrived), and
 * their decisions are carried out on copies, with the same guard as {@code PlayRuns.start}.
 */
public final class ScenarioRunner {

    /** Signals of this many days are the events that just arrived, as when the live engine takes in a batch. */
    static final int ARRIVED_WITHIN_DAYS = 7;


    /** Runs at the scenario's own now, or at {@code currentTime} when it names none. */
    public ScenarioOutcome run(RuleSet ruleSet, Scenario scenario, Instant currentTime) {
        Instant now = scenario.now() != null ? scenario.now() : currentTime;
        Account given = scenario.account().at(now);
        SignalHistory history = new SignalHistory();
        List<Signal> arrived = new ArrayList<>();
        List<Contact> contacts = contacts(scenario.contacts(), given.id());
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < scenario.signals().size(); i++) {
            all.addAll(scenario.signals().get(i).signals(given.id(), i + 1, now));
        }
        all = completed(all, contacts);
        for (Signal signal : all) {
            history.add(signal);
            // A sender's clock a few minutes fast is taken as now, as the lifecycle takes it (Lifecycle.hasHappened), and
            // as SignalHistory takes a contact change: one that arrived has changed its contact.
            if (Lifecycle.hasHappened(signal.occurredAt(), now) && signal.occurredAt().isAfter(FactSet.daysBefore(now, ARRIVED_WITHIN_DAYS))) {
                arrived.add(signal);
            }
        }
        // A cancellation among the signals churns the account, as the live intake does when it stores one.
        ReplayedStage stage = ReplayedStage.after(given.stage(), all, now);
        Account account = given.withStage(stage.current());
        List<Milestone> milestones = scenario.milestones().stream().map(m -> m.milestone(account.id(), now)).toList();
        List<PlayRun> runs = new ArrayList<>();
        for (Scenario.GivenRun run : scenario.runs()) {
            runs.add(run.run(runs.size() + 1, account.id(), now));
        }
        FactSet facts = history.factsAsOf(account, contacts, milestones, runs, ruleSet.factSettings(), now)
                .withChurnedAt(stage.churnedAt());
        HealthScore health = ruleSet.health().score(facts, scenario.previousHealth() == null ? -1 : scenario.previousHealth(), now);
        RuleOutcome outcome;
        try {
            outcome = ruleSet.evaluate(facts, health, arrived, now);
        } catch (RuleEvaluationException e) {
            return ScenarioOutcome.failed(now, facts, arrived, health, e);
        }
        return carryOut(ruleSet, outcome, facts, arrived, health, now);
    }

    /**
     * The signals with each contact line's change completed as the live engine records it: the contact it
     * names (by email, else the first with its role) found among the scenario's contacts as they are at that
     * moment, its value before the change, and the contact as the change leaves it. Lines are applied in the
     * order they happened; a line naming no contact there changes a contact made from the line.
     */
    static List<Signal> completed(List<Signal> given, List<Contact> start) {
        List<ContactSignal> lines = given.stream().filter(ContactSignal.class::isInstance).map(ContactSignal.class::cast)
                .sorted(Comparator.comparing(ContactSignal::occurredAt)).toList();
        if (lines.isEmpty()) {
            return given;
        }
        Map<String, Contact> state = new LinkedHashMap<>();
        start.forEach(c -> state.put(c.email().toLowerCase(Locale.ROOT), c));
        Map<ContactSignal, ContactSignal> done = new IdentityHashMap<>();
        for (ContactSignal line : lines) {
            Contact before = line.change() == ContactChange.ADDED ? null : line.email() != null
                    ? state.get(line.email().toLowerCase(Locale.ROOT))
                    : state.values().stream().filter(c -> c.role() == line.role()).findFirst().orElse(null);
            if (before == null) {
                ContactRole role = line.role() != null ? line.role() : ContactRole.USER;
                long sameRole = state.values().stream().filter(c -> c.role() == role).count();
                String email = line.email() != null ? line.email() : role.name().toLowerCase(Locale.ROOT)
                        + (sameRole == 0 ? "" : String.valueOf(sameRole + 1)) + "@" + line.accountId() + ".test";
                before = new Contact(line.accountId(), email, null, role, null, true, false);
            }
            Contact after = switch (line.change()) {
                case ADDED -> before;
                case ROLE_CHANGED -> new Contact(before.accountId(), before.email(), before.name(), ContactRole.valueOf(line.newValue()),
                        before.timezone(), before.active(), before.unsubscribed());
                case BECAME_INACTIVE, BECAME_ACTIVE -> new Contact(before.accountId(), before.email(), before.name(), before.role(),
                        before.timezone(), line.change() == ContactChange.BECAME_ACTIVE, before.unsubscribed());
                case UNSUBSCRIBED -> new Contact(before.accountId(), before.email(), before.name(), before.role(),
                        before.timezone(), before.active(), true);
            };
            String oldValue = switch (line.change()) {
                case ADDED -> null;
                case ROLE_CHANGED -> before.role().name();
                case BECAME_INACTIVE, BECAME_ACTIVE -> String.valueOf(before.active());
                case UNSUBSCRIBED -> String.valueOf(before.unsubscribed());
            };
            String newValue = switch (line.change()) {
                case ADDED, ROLE_CHANGED -> after.role().name();
                case BECAME_INACTIVE, BECAME_ACTIVE -> String.valueOf(after.active());
                case UNSUBSCRIBED -> "true";
            };
            done.put(line, new ContactSignal(line.source(), line.externalId(), line.accountId(), line.occurredAt(), after.email(),
                    after.role(), line.change(), oldValue, newValue, after.active(), after.unsubscribed()));
            state.put(after.email().toLowerCase(Locale.ROOT), after);
        }
        return given.stream().map(s -> s instanceof ContactSignal c ? (Signal) done.get(c) : s).toList();
    }

    /** The scenario's {@code contacts:} as the account's contacts, before its contact lines. */
    static List<Contact> contacts(List<Scenario.GivenContact> given, String accountId) {
        Map<ContactRole, Integer> seen = new EnumMap<>(ContactRole.class);
        List<Contact> contacts = new ArrayList<>();
        for (Scenario.GivenContact c : given) {
            int before = seen.merge(c.role(), 1, Integer::sum) - 1;
            contacts.add(c.contact(accountId, before));
        }
        return contacts;
    }

    /** What {@code AccountEvaluator} would do with the decisions, done on copies. */
    private static ScenarioOutcome carryOut(RuleSet ruleSet, RuleOutcome outcome, FactSet facts, List<Signal> arrived,
                                            HealthScore health, Instant now) {
        List<PlayRun> runs = new ArrayList<>(facts.plays());
        List<StartedPlay> started = new ArrayList<>();
        List<HeldBackPlay> heldBack = new ArrayList<>();
        Set<MilestoneType> reached = new LinkedHashSet<>();
        facts.milestones().forEach(m -> reached.add(m.type()));
        List<MilestoneType> newlyReached = new ArrayList<>();
        Stage stage = Decision.stageAfter(outcome.decisions(), facts.account().stage());
        for (Decision d : outcome.decisions()) {
            if (d instanceof Decision.StartPlay s) {
                Optional<PlayDefinition> play = ruleSet.play(s.play());
                String reason = play.isEmpty() ? "there is no play file plays/" + s.play() + ".yml"
                        : heldBecause(play.get(), stage, runs, started, now);
                if (reason == null) {
                    started.add(new StartedPlay(s.play(), s.why()));
                    runs.add(new PlayRun(0, facts.account().id(), s.play(), true, now));
                } else {
                    heldBack.add(new HeldBackPlay(s.play(), s.why().rule(), reason));
                }
            } else if (d instanceof Decision.RecordMilestone m) {
                if (reached.add(m.milestone())) {
                    newlyReached.add(m.milestone());
                }
            }
        }
        return new ScenarioOutcome(now, facts, List.copyOf(arrived), health, firings(outcome, ruleSet.version()), List.copyOf(started),
                List.copyOf(heldBack), List.copyOf(newlyReached), stage, null, false);
    }

    /**
     * Mirrors {@code PlayRuns.start}: not for an account the play is not for (churned, or active for a win-back
     * play), not while running, nor within the cooldown since the last start.
     */
    private static String heldBecause(PlayDefinition play, Stage stage, List<PlayRun> runs, List<StartedPlay> startedHere,
                                      Instant now) {
        Optional<String> lifecycle = play.audience().refusal(stage);
        if (lifecycle.isPresent()) {
            return lifecycle.get();
        }
        for (StartedPlay s : startedHere) {
            if (s.play().equals(play.id())) {
                return "rule \"" + s.why().rule() + "\" already started it in this evaluation";
            }
        }
        for (PlayRun run : runs) {
            if (!run.play().equals(play.id())) {
                continue;
            }
            if (run.running()) {
                return "it is already running";
            }
            // UTC days, as the scenario's own relative times ("-20d") count them: a run given 30 days back is out
            // of a 30-day cooldown on any date, wherever the account is (live, days count in the account's zone).
            if (play.cooldownEnds(run.startedAt(), ZoneOffset.UTC).isAfter(now)) {
                return "it is in its " + adjective(play.cooldown()) + " cooldown (last started " + run.startedAt() + ")";
            }
        }
        return null;
    }

    /** {@code 30-day}, {@code 12-hour}. */
    private static String adjective(Span span) {
        return span.days() > 0 || span.time().isZero() ? span.days() + "-day" : span.time().toHours() + "-hour";
    }

    /** The rules that fired, in order, each with the facts it matched (a rule that asked nothing shows none). */
    private static List<Why> firings(RuleOutcome outcome, String version) {
        Map<Why, Boolean> distinct = new IdentityHashMap<>();
        List<Why> whys = new ArrayList<>();
        for (Decision d : outcome.decisions()) {
            if (distinct.put(d.why(), Boolean.TRUE) == null) {
                whys.add(d.why());
            }
        }
        List<Why> firings = new ArrayList<>();
        int next = 0;
        for (String rule : outcome.firedRules()) {
            if (next < whys.size() && whys.get(next).rule().equals(rule)) {
                firings.add(whys.get(next++));
            } else {
                firings.add(new Why(rule, version, Map.of()));
            }
        }
        return firings;
    }

}
