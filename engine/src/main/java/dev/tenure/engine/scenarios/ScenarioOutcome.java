package dev.tenure.engine.scenarios;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.RuleEvaluationException;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules did with one scenario, carried out in memory as the live engine would: the rules that
 * fired (each with the facts it matched), the plays started and those held back (running, in cooldown,
 * asked twice), the milestones reached and the stage after. {@code rulesFailed} is set, at the rule's file
 * and line, when the rules failed or were stopped at the time limit ({@code rulesStopped}): then they
 * decided nothing.
 */
public record ScenarioOutcome(Instant now, FactSet facts, List<Signal> arrived, HealthScore health, List<Why> firings,
                              List<StartedPlay> started, List<HeldBackPlay> heldBack,
                              List<MilestoneType> milestonesReached, Stage stage, RuleProblem rulesFailed,
                              boolean rulesStopped) {

    /** The rules could not be evaluated: nothing fired, started or changed. */
    static ScenarioOutcome failed(Instant now, FactSet facts, List<Signal> arrived, HealthScore health,
                                  RuleEvaluationException failure) {
        return new ScenarioOutcome(now, facts, List.copyOf(arrived), health, List.of(), List.of(), List.of(), List.of(),
                facts.account().stage(), failure.problem(), failure.stopped());
    }

    /** A play that would start, and why. */
    public record StartedPlay(String play, Why why) {
    }

    /** A play a rule asked for that would not start, and the reason. */
    public record HeldBackPlay(String play, String rule, String reason) {
    }

    public List<String> playsStarted() {
        return started.stream().map(StartedPlay::play).toList();
    }

    public List<String> firedRules() {
        return firings.stream().map(Why::rule).toList();
    }

    /** Every fact the rules saw: the account's facts, its health and the signals that just arrived. */
    List<Object> everyFact() {
        List<Object> all = new ArrayList<>(facts.all());
        all.add(health);
        all.addAll(arrived);
        return all;
    }
}
