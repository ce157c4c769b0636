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

/**
 * Evaluates one account: builds its facts, scores its health, runs the rules over them in a fresh
 * session, then carries out what the rules decided. Runs inside the caller's transaction, with the
 * account row locked.
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
        Account account = accounts.lock(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        RuleSet ruleSet = rules.get();
        FactSet facts = factSets.load(account, now);
        int previous = healthScores.latest(accountId).map(HealthScore::score).orElse(-1);
        HealthScore health = ruleSet.health().score(facts, previous, now);
        healthScores.record(health);

        List<Decision> decisions = ruleSet.evaluate(facts, health, arrived, now).decisions();
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
        return new Evaluation(accountId, health, started);
    }
}
