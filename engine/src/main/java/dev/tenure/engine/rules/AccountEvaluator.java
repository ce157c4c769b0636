package dev.tenure.engine.rules;

import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Milestones;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evaluates accounts: builds their facts, scores their health, runs the rules over each account's facts
 * in a fresh session, then carries out what the rules decided. Runs inside the caller's transaction, with
 * the account rows locked.
 */
@Component
public class AccountEvaluator {

    private final ActiveRuleSet rules;
    private final Accounts accounts;
    private final FactSets factSets;
    private final HealthScores healthScores;
    private final PlayRuns playRuns;
    private final Milestones milestones;
    private final Timeline timeline;

    public AccountEvaluator(ActiveRuleSet rules, Accounts accounts, FactSets factSets,
                            HealthScores healthScores, PlayRuns playRuns, Milestones milestones, Timeline timeline) {
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
     * scores read in one query per kind of fact, then each account runs through the rules on its own.
     * Ids without an account are left out of the result.
     */
    public List<Evaluation> evaluateAll(Collection<String> accountIds, Map<String, List<Signal>> arrived, Instant now) {
        List<Account> locked = accounts.lockAll(accountIds);
        List<FactSet> facts = factSets.loadAll(locked, now);
        Map<String, Integer> previous = healthScores.latestScores(accountIds);
        // One rule set for the whole group: its health model and its rules.
        RuleSet ruleSet = rules.get();
        List<HealthScore> scores = new ArrayList<>(facts.size());
        for (FactSet f : facts) {
            scores.add(ruleSet.health().score(f, previous.getOrDefault(f.account().id(), -1), now));
        }
        healthScores.recordAll(scores);

        List<Evaluation> evaluations = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            FactSet f = facts.get(i);
            String id = f.account().id();
            List<Decision> decisions = ruleSet.evaluate(f, scores.get(i), arrived.getOrDefault(id, List.of()), now).decisions();
            evaluations.add(new Evaluation(id, scores.get(i), carryOut(f.account(), ruleSet, decisions, now)));
        }
        return evaluations;
    }

    private List<StartedRun> carryOut(Account account, RuleSet ruleSet, List<Decision> decisions, Instant now) {
        String accountId = account.id();
        List<StartedRun> started = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.StartPlay s) {
                PlayDefinition play = ruleSet.play(s.play()).orElseThrow(() ->
                        new IllegalStateException("rule \"" + s.why().rule() + "\" starts unknown play " + s.play()));
                playRuns.start(accountId, play, s.why(), now).ifPresent(started::add);
            } else if (d instanceof Decision.RecordMilestone m) {
                if (milestones.reach(accountId, m.milestone(), now, m.why().rule())) {
                    timeline.record(new TimelineEntry(accountId, now, "milestone",
                            "Milestone " + m.milestone() + " reached (rule \"" + m.why().rule() + "\")", null));
                }
            } else if (d instanceof Decision.MoveStage m) {
                accounts.moveStage(accountId, m.stage());
                timeline.record(new TimelineEntry(accountId, now, "stage",
                        "Stage moved from " + account.stage() + " to " + m.stage() + " (rule \"" + m.why().rule() + "\")", null));
            }
        }
        return started;
    }
}
