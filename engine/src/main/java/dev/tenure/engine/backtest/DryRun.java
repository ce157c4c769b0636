package dev.tenure.engine.backtest;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rules would do for one account now, with nothing stored or sent: its facts, its health as it
 * would be scored, the rules that fire with the facts each matched, and for each play they ask for
 * whether it would start or be refused.
 */
public record DryRun(String accountId, Instant at, String ruleSetVersion, FactSet facts, HealthScore health,
                     String healthBand, List<FiredRule> rulesFired, List<PlayVerdict> plays,
                     List<MilestoneVerdict> milestones, List<StageMove> stageMoves) {

    /** A rule that fired; {@code matchedFacts} is null for a rule that asked the playbook for nothing. */
    public record FiredRule(String rule, Map<String, Object> matchedFacts) {
    }

    /** A play a rule asked for; {@code refusedBecause} is null when it would start. */
    public record PlayVerdict(String play, String rule, boolean wouldStart, String refusedBecause) {
    }

    public record MilestoneVerdict(MilestoneType milestone, String rule, boolean alreadyReached) {
    }

    public record StageMove(Stage from, Stage to, String rule) {
    }
}
