package dev.tenure.engine.rules;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.accounts.Milestones;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.AccountLifecycle;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStart;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates accounts: builds their facts, scores their health, runs the rules over each account's facts
 * in a fresh session, then carries out what the rules decided. Runs inside the caller's transaction, with
 * the account rows locked.
 */
@Component
public class AccountEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AccountEvaluator.class);

    private final ActiveRuleSet rules;
    private final Accounts accounts;
    private final FactSets factSets;
    private final HealthScores healthScores;
    private final PlayRuns playRuns;
    private final Milestones milestones;
    private final Timeline timeline;
    private final AccountLifecycle lifecycle;

    public AccountEvaluator(ActiveRuleSet rules, Accounts accounts, FactSets factSets,
                            HealthScores healthScores, PlayRuns playRuns, Milestones milestones, Timeline timeline,
                            AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.rules = rules;
        this.accounts = accounts;
        this.factSets = factSets;
        this.healthScores = healthScores;
        this.playRuns = playRuns;
        this.milestones = milestones;
        this.timeline = timeline;
    }

    /** {@code arrived} are the signals that just came in; rules see them as events. */
    public Evaluation evaluate(String accountId, Collection<? extends Signal> arrived, Instant now) {
        List<Evaluation> evaluations = evaluateAll(List.of(accountId), Map.of(accountId, List.<Signal>copyOf(arrived)), now);
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        return evaluations.get(0);
    }

    /**
     * Evaluates these accounts together: their rows are locked in id order and their facts and previous
     * scores read in one query per kind of fact, then each account runs through the rules on its own, and the
     * plays they decided on are started together. Ids without an account are left out of the result.
     */
    public List<Evaluation> evaluateAll(Collection<String> accountIds, Map<String, List<Signal>> arrived, Instant now) {
        List<Account> locked = accounts.lockAll(accountIds);
        // One rule set for the whole group: its fact settings, its health model and its rules.
        RuleSet ruleSet = rules.get();
        List<FactSet> facts = factSets.loadAll(locked, ruleSet.factSettings(), now);
        Map<String, Integer> previous = healthScores.latestScores(accountIds);
        List<HealthScore> scores = new ArrayList<>(facts.size());
        for (FactSet f : facts) {
            scores.add(ruleSet.health().score(f, previous.getOrDefault(f.account().id(), -1), now));
        }
        healthScores.recordAll(scores);

        // Plays are started for the whole group at once, after the rules ran for every account.
        List<PlayStart> starts = new ArrayList<>();
        List<Integer> startedFor = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            FactSet f = facts.get(i);
            List<Decision> decisions = decisions(ruleSet, f, scores.get(i), arrived.getOrDefault(f.account().id(), List.of()), now);
            for (PlayStart start : carryOut(f, ruleSet, decisions, now)) {
                starts.add(start);
                startedFor.add(i);
            }
        }
        List<Optional<StartedRun>> results = playRuns.startAll(starts, now);
        List<List<StartedRun>> started = new ArrayList<>(facts.size());
        facts.forEach(f -> started.add(new ArrayList<>()));
        for (int s = 0; s < results.size(); s++) {
            results.get(s).ifPresent(started.get(startedFor.get(s))::add);
        }
        List<Evaluation> evaluations = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            evaluations.add(new Evaluation(facts.get(i).account().id(), scores.get(i), started.get(i)));
        }
        return evaluations;
    }

    /**
     * What the rules decided for one account; nothing when they failed or were stopped, which is logged and
     * put on the account's timeline naming the rule, while the other accounts go on.
     */
    private List<Decision> decisions(RuleSet ruleSet, FactSet facts, HealthScore health, List<Signal> arrived, Instant now) {
        try {
            return ruleSet.evaluate(facts, health, arrived, now).decisions();
        } catch (RuleEvaluationException e) {
            String accountId = facts.account().id();
            log.warn("Rules of rule set {} could not be evaluated for account {}: {}", ruleSet.version(), accountId, e.getMessage());
            timeline.record(new TimelineEntry(accountId, now, "rules.failed", "The rules could not be evaluated: "
                    + e.getMessage() + " (rule set " + ruleSet.version() + ")", null));
            return List.of();
        }
    }

    /**
     * Records milestones and stage moves; returns the plays to start, in the order the rules decided them, for the
     * account at the stage the moves leave it ({@link Decision#stageAfter}): the start guard refuses a play for
     * customers at an account a rule churned in the same evaluation, as after a cancellation.
     */
    private List<PlayStart> carryOut(FactSet facts, RuleSet ruleSet, List<Decision> decisions, Instant now) {
        Account account = facts.account();
        String accountId = account.id();
        Stage stage = account.stage();
        for (Decision d : decisions) {
            if (d instanceof Decision.RecordMilestone m) {
                if (milestones.reach(accountId, m.milestone(), now, m.why().rule())) {
                    timeline.record(new TimelineEntry(accountId, now, "milestone",
                            "Milestone " + m.milestone() + " reached (rule \"" + m.why().rule() + "\")", null));
                }
            } else if (d instanceof Decision.MoveStage m) {
                Stage from = stage;
                Optional<Stage> to = Lifecycle.onRule(m.stage(), from);
                if (to.isPresent()) {
                    lifecycle.move(accountId, from, to.get(), now, ChangeCause.rule(m.why().rule()), now);
                    stage = to.get();
                }
            }
        }
        Stage after = Decision.stageAfter(decisions, account.stage());
        Account starting = after == account.stage() ? account : account.withStage(after);
        List<PlayStart> starts = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.StartPlay s) {
                // The playbook refuses unknown plays while the rules run; the play's name is the rule's data, not told.
                PlayDefinition play = ruleSet.play(s.play()).orElseThrow(() ->
                        new IllegalStateException("rule \"" + s.why().rule() + "\" starts a play that is not in the rule set"));
                starts.add(new PlayStart(starting, facts.contacts(), play, s.why()));
            }
        }
        return starts;
    }
}
