package dev.tenure.engine.backtest;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.facts.FactSets;
import dev.tenure.engine.health.HealthScores;
import dev.tenure.engine.intake.RecentSignals;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.RecipientTimeZone;
import dev.tenure.engine.plays.StartGuard;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.Decision;
import dev.tenure.engine.rules.RuleOutcome;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Stage;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one account as the live engine would, from its facts in PostgreSQL, but only reports: the
 * health score is not stored, no play starts, no milestone or stage is recorded. Whether a play would
 * be refused is asked of the same start guard the live start uses, read-only.
 */
@Service
public class AccountDryRun {

    private final Accounts accounts;
    private final FactSets factSets;
    private final HealthScores healthScores;
    private final StartGuard guard;
    private final RecentSignals recent;
    private final ZoneId defaultZone;

    AccountDryRun(Accounts accounts, FactSets factSets, HealthScores healthScores, StartGuard guard, RecentSignals recent,
                  EngineProperties engine) {
        this.recent = recent;
        this.accounts = accounts;
        this.factSets = factSets;
        this.healthScores = healthScores;
        this.guard = guard;
        this.defaultZone = engine.defaultTimezone();
    }

    /** Empty when there is no such account. */
    public Optional<DryRun> of(String accountId, RuleSet rules, Instant now) {
        return accounts.find(accountId).map(account -> dryRun(account, rules, now));
    }

    private DryRun dryRun(Account account, RuleSet rules, Instant now) {
        FactSet facts = factSets.load(account, rules.factSettings(), now);
        int previous = healthScores.latest(account.id()).map(HealthScore::score).orElse(-1);
        HealthScore health = rules.health().score(facts, previous, now);
        // The signals and contact changes of the last days are the events that just arrived, as in a scenario: the
        // rules see what they acted on live, and the guard tells why a play they ask for again is held back.
        RuleOutcome outcome = rules.evaluate(facts, health, recent.of(account.id(), rules.eventKinds(), now), now);

        Map<String, Map<String, Object>> matched = new LinkedHashMap<>();
        outcome.decisions().forEach(d -> matched.putIfAbsent(d.why().rule(), d.why().matchedFacts()));
        List<DryRun.FiredRule> fired = outcome.firedRules().stream().distinct()
                .map(rule -> new DryRun.FiredRule(rule, matched.get(rule))).toList();

        List<DryRun.PlayVerdict> plays = new ArrayList<>();
        List<DryRun.MilestoneVerdict> milestones = new ArrayList<>();
        List<DryRun.StageMove> moves = new ArrayList<>();
        Map<String, String> askedBy = new LinkedHashMap<>();
        Stage stage = account.stage();
        Account starting = account.withStage(Decision.stageAfter(outcome.decisions(), stage));
        for (Decision decision : outcome.decisions()) {
            Why why = decision.why();
            if (decision instanceof Decision.StartPlay start) {
                String refusal = askedBy.containsKey(start.play())
                        ? "already started by rule \"" + askedBy.get(start.play()) + "\" in this evaluation"
                        : refusal(starting, rules.play(start.play()).orElseThrow(() -> new IllegalStateException(
                                "rule \"" + why.rule() + "\" starts unknown play " + start.play())), now);
                askedBy.putIfAbsent(start.play(), why.rule());
                plays.add(new DryRun.PlayVerdict(start.play(), why.rule(), refusal == null, refusal));
            } else if (decision instanceof Decision.RecordMilestone m) {
                boolean reached = facts.milestones().stream().anyMatch(r -> r.type() == m.milestone());
                milestones.add(new DryRun.MilestoneVerdict(m.milestone(), why.rule(), reached));
            } else if (decision instanceof Decision.MoveStage m) {
                Optional<Stage> to = Lifecycle.onRule(m.stage(), stage);
                if (to.isPresent()) {
                    moves.add(new DryRun.StageMove(stage, to.get(), why.rule()));
                    stage = to.get();
                }
            }
        }
        return new DryRun(account.id(), now, rules.version(), facts, health, health.band(), fired, plays, milestones, moves);
    }

    /**
     * The live start guard's verdict, read-only: null when the play would start. The account's stage is the one the
     * rules would leave it at, as live, where their moves are stored before the plays start.
     */
    private String refusal(Account account, PlayDefinition play, Instant now) {
        Optional<String> lifecycle = play.audience().refusal(account.stage());
        if (lifecycle.isPresent()) {
            return lifecycle.get();
        }
        return guard.runRefusals(List.of(new StartGuard.Candidate(account.id(), play.id(), play.cooldown(),
                RecipientTimeZone.ofAccount(account, defaultZone), play.audience())), now).get(0).orElse(null);
    }
}
