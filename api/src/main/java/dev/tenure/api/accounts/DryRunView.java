package dev.tenure.api.accounts;

import dev.tenure.api.health.HealthViews;
import dev.tenure.api.why.FactsJson;
import dev.tenure.engine.backtest.DryRun;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rules would do for an account now: the facts they saw (fact name to fields, the rules' vocabulary),
 * health, each rule fired with the facts it matched, each play asked for with whether it would start or why not,
 * milestones and stage moves.
 */
record DryRunView(String accountId, Instant at, String ruleSetVersion, Map<String, Object> facts, HealthViews.ScoreView health,
                  String healthBand, List<FiredRule> rulesFired, List<PlayVerdict> plays, List<MilestoneVerdict> milestones,
                  List<StageMove> stageMoves) {

    @Schema(name = "AccountDryRunFiredRule")
    record FiredRule(String rule, Map<String, Object> matchedFacts) {
    }

    record PlayVerdict(String play, String rule, boolean wouldStart, String refusedBecause) {
    }

    record MilestoneVerdict(MilestoneType milestone, String rule, boolean alreadyReached) {
    }

    record StageMove(Stage from, Stage to, String rule) {
    }

    static DryRunView of(DryRun d, FactsJson facts) {
        return new DryRunView(d.accountId(), d.at(), d.ruleSetVersion(), facts.of(d.facts()), HealthViews.ScoreView.of(d.health()),
                d.healthBand(), d.rulesFired().stream().map(f -> new FiredRule(f.rule(), f.matchedFacts())).toList(),
                d.plays().stream().map(p -> new PlayVerdict(p.play(), p.rule(), p.wouldStart(), p.refusedBecause())).toList(),
                d.milestones().stream().map(m -> new MilestoneVerdict(m.milestone(), m.rule(), m.alreadyReached())).toList(),
                d.stageMoves().stream().map(s -> new StageMove(s.from(), s.to(), s.rule())).toList());
    }
}
