package dev.tenure.engine.backtest;

import dev.tenure.engine.accounts.StageChange;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.facts.SignalHistory;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.Decision;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    /** The stage changes its sources made, applied when the replay reaches them. */
    private final Deque<StageChange> stageChanges;
    private final StepPlacement placement;
    private Account account;
    /** The stage the account had before it churned, while it is churned. */
    private Stage beforeChurn;
    private int lastHealth;
    private Instant lastEvaluated;

    ReplayedAccount(AccountStart start, StepPlacement placement) {
        this.placement = placement;
        this.account = start.account();
        this.beforeChurn = start.stageBeforeChurn();
        this.contacts = List.copyOf(start.contacts());
        this.milestones = new ArrayList<>(start.milestones());
        this.runs = new ArrayList<>(start.runs());
        this.lastHealth = start.lastHealth();
        this.stageChanges = new ArrayDeque<>(start.stageChanges());
    }

    String id() {
        return account.id();
    }

    Account account() {
        return account;
    }

    /** The band the account's health would have at {@code moment}, from what is known before it; changes nothing. */
    String bandAt(HealthModel healthModel, FactSettings settings, Instant moment) {
        FactSet facts = history.factsAsOf(account, contacts, milestones, runFacts(moment), settings, moment);
        return healthModel.score(facts, lastHealth, moment).band();
    }

    /**
     * False when the same signal (source and external id) was already seen. A cancellation churns the account
     * at its moment, and a reactivation brings it back, as the live intake does: the runs of plays not for its
     * new stage stop then.
     */
    boolean add(Signal signal) {
        if (!history.add(signal)) {
            return false;
        }
        applyStageChanges(signal.occurredAt());
        BillingEvent event = Lifecycle.event(signal);
        if (event != null) {
            Lifecycle.onBilling(event, account.stage(), beforeChurn).ifPresent(stage -> moveTo(stage, signal.occurredAt()));
        }
        return true;
    }

    /**
     * The stage changes its sources made up to this moment, each at its own moment: before a billing signal that
     * came after them, so a source's churn and a later reactivation end as they did live.
     */
    private void applyStageChanges(Instant upTo) {
        while (!stageChanges.isEmpty() && !stageChanges.peek().occurredAt().isAfter(upTo)) {
            StageChange change = stageChanges.poll();
            if (change.to() != account.stage()) {
                moveTo(change.to(), change.occurredAt());
            }
        }
    }

    /**
     * Moves the account to {@code stage} at {@code at}, whatever made the move (a cancellation or reactivation, a
     * source's stage, a rule), as the live engine's account lifecycle does: when it churns or comes back, the runs
     * of plays not for its new stage stop then.
     */
    private void moveTo(Stage stage, Instant at) {
        Stage was = account.stage();
        account = account.withStage(stage);
        if (was.active() != stage.active()) {
            beforeChurn = was.active() ? was : null;
            runs.replaceAll(run -> run.audience().admits(stage) ? run : run.stoppedAt(at));
        }
    }

    /** Evaluates the account at {@code now}, as the live engine would, and carries out the decisions in memory. */
    void evaluate(RuleSet rules, HealthModel healthModel, List<Signal> arrived, Instant now, ReplayTally tally) {
        applyStageChanges(now);
        // Contacts as they were at this moment: the history applies the contact changes replayed so far.
        FactSet facts = history.factsAsOf(account, contacts, milestones, runFacts(now), rules.factSettings(), now);
        HealthScore health = healthModel.score(facts, lastHealth, now);
        lastHealth = health.score();
        lastEvaluated = now;
        tally.evaluated();
        List<Decision> decisions = rules.replay(facts, health, arrived, now).decisions();
        // Stage moves first, as live: the plays are judged against the stage the rules leave the account at
        // (Decision.stageAfter).
        for (Decision decision : decisions) {
            if (decision instanceof Decision.MoveStage m) {
                Lifecycle.onRule(m.stage(), account.stage()).ifPresent(stage -> moveTo(stage, now));
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
        tally.started(start.why().rule(), play.id(), account.id(), now);
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
