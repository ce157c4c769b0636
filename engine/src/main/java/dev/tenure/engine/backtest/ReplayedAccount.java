package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.accounts.ReplayedStage;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.Decision;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One account during a replay: its signals so far, rolled up in memory, and what the candidate rules did
 * to it so far (plays started, milestones, stage). Decisions are carried out here, in memory, with the
 * live engine's guards; nothing leaves this object but what it reports to the tally.
 */
final class ReplayedAccount {

    private final SignalHistory history = SignalHistory.replaying();
    private final List<Contact> contacts;
    private final List<Milestone> milestones;
    private final List<ReplayedRun> runs;
    /** Moved by its sources' stage changes, its billing signals and its rules; the account record follows it. */
    private final ReplayedStage stage;
    private final StepPlacement placement;
    private Account account;
    private int lastHealth;
    private Instant lastEvaluated;
    /** A customer at some moment so far: at the start, or back since. */
    private boolean customer;
    /** It cancelled since it was last a customer: a further cancellation before it comes back is no new one. */
    private boolean cancelledSinceCustomer;

    /** The account's time zone, whose calendar its plays' cooldowns and its backtest window count days on. */
    ZoneId zone() {
        return placement.zoneOf(account);
    }

    ReplayedAccount(AccountStart start, StepPlacement placement) {
        this.placement = placement;
        this.account = start.account();
        this.customer = start.account().stage().active();
        this.contacts = List.copyOf(start.contacts());
        this.milestones = new ArrayList<>(start.milestones());
        this.runs = new ArrayList<>(start.runs());
        this.lastHealth = start.lastHealth();
        this.stage = new ReplayedStage(start.account().stage(), start.stageBeforeChurn(), start.lastLifecycleMove(),
                start.churnKnown(), start.stageChanges(), this::moved);
    }

    String id() {
        return account.id();
    }

    /**
     * Whether it was a customer at some moment so far. A former customer's cancellation (the billing system ending a
     * subscription the CRM had churned before the period) is no churn the rules could have foretold.
     */
    boolean wasCustomer() {
        return customer;
    }

    Account account() {
        return account;
    }

    /**
     * Takes in that this cancellation, just added, happened; whether it is a new one: the account was a customer at some
     * moment so far and has not cancelled since it last was. A second cancellation of an account still churned (another
     * subscription ended, a billing system that sends it again under another id) moved nothing live; counted, an alert
     * on the churned account between the two (a win-back play) would seem to have foretold it.
     */
    boolean cancels() {
        if (!customer || cancelledSinceCustomer) {
            return false;
        }
        cancelledSinceCustomer = true;
        return true;
    }

    /** The band the account's health would have at {@code moment}, from what is known before it; changes nothing. */
    String bandAt(HealthModel healthModel, FactSettings settings, Instant moment) {
        FactSet facts = history.factsAsOf(account, contacts, milestones, runFacts(moment), settings, moment);
        return healthModel.score(facts, lastHealth, moment).band();
    }

    /**
     * False when the same signal (source, kind and external id) was already seen. A cancellation churns the account
     * at its moment, and a reactivation brings it back, as the live intake does ({@link ReplayedStage#add}): the
     * runs of plays not for its new stage stop then.
     */
    boolean add(Signal signal) {
        if (!history.add(signal)) {
            return false;
        }
        stage.add(signal);
        return true;
    }

    /**
     * The account moved, whatever made the move (a cancellation or reactivation, a source's stage, a rule), as the
     * live engine's account lifecycle moves it: when it churns or comes back, the runs of plays not for its new
     * stage stop then.
     */
    private void moved(Stage from, Stage to, Instant at) {
        account = account.withStage(to);
        customer |= to.active();
        cancelledSinceCustomer &= !to.active();
        if (from.active() != to.active()) {
            runs.replaceAll(run -> run.audience().admits(to) ? run : run.stoppedAt(at));
        }
    }

    /** Whether taking this signal in may move the account's stage ({@link ReplayedStage#movesAt}). */
    boolean movesAt(Signal signal) {
        return stage.movesAt(signal);
    }

    /** Evaluates the account at {@code now}, as the live engine would, and carries out the decisions in memory. */
    void evaluate(RuleSet rules, HealthModel healthModel, List<Signal> arrived, Instant now, ReplayTally tally) {
        stage.reach(now);
        // Contacts as they were at this moment: the history applies the contact changes replayed so far.
        FactSet facts = history.factsAsOf(account, contacts, milestones, runFacts(now), rules.factSettings(), now)
                .withChurnedAt(stage.churnedAt());
        HealthScore health = healthModel.score(facts, lastHealth, now);
        lastHealth = health.score();
        lastEvaluated = now;
        tally.evaluated();
        List<Decision> decisions = rules.replay(facts, health, arrived, now).decisions();
        // Stage moves first, as live: the plays are judged against the stage the rules leave the account at
        // (Decision.stageAfter).
        for (Decision decision : decisions) {
            if (decision instanceof Decision.MoveStage m) {
                Lifecycle.onRule(m.stage(), stage.current()).ifPresent(to -> stage.move(to, now));
            }
        }
        for (Decision decision : decisions) {
            if (decision instanceof Decision.StartPlay start) {
                start(rules, start, facts.contacts(), now, tally);
            } else if (decision instanceof Decision.RecordMilestone m) {
                if (milestones.stream().noneMatch(reached -> reached.type() == m.milestone())) {
                    milestones.add(new Milestone(account.id(), m.milestone(), now));
                }
            }
        }
    }

    /** True when the account was not evaluated at or after this moment. */
    boolean idleSince(Instant moment) {
        return lastEvaluated == null || lastEvaluated.isBefore(moment);
    }

    private void start(RuleSet rules, Decision.StartPlay start, List<Contact> contacts, Instant now, ReplayTally tally) {
        PlayDefinition play = rules.play(start.play()).orElseThrow(() -> new IllegalStateException(
                "rule \"" + start.why().rule() + "\" starts unknown play " + start.play()));
        if (play.audience().refusal(account.stage()).isPresent()
                || runs.stream().anyMatch(run -> run.blocks(play, now, placement.zoneOf(account)))) {
            return;
        }
        runs.add(ReplayedRun.startedAt(play, now, placement.forAccount(account, contacts)));
        tally.started(start.why().rule(), play.id(), account.id(), now, account.stage().active(), placement.zoneOf(account));
    }

    private List<PlayRun> runFacts(Instant now) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Instant recent = FactSet.daysBefore(now, FactSet.RECENT_RUN_DAYS);
        List<PlayRun> facts = new ArrayList<>();
        for (ReplayedRun run : runs) {
            boolean running = run.runningAt(now);
            if (running || run.startedAt().isAfter(recent)) {
                facts.add(new PlayRun(0, account.id(), run.play(), running, run.startedAt()));
            }
        }
        return facts;
    }
}
