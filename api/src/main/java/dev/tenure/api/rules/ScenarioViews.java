package dev.tenure.api.rules;

import dev.tenure.api.health.HealthViews;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.scenarios.ScenarioOutcome;
import dev.tenure.engine.scenarios.ScenarioReport;
import dev.tenure.engine.scenarios.ScenarioResult;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Stage;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of scenario runs and dry runs. */
final class ScenarioViews {

    private ScenarioViews() {
    }

    /** A scenario run: passed when every scenario passed and every scenario file read. */
    record Report(String ruleSetVersion, boolean passed, int scenarios, long passedCount, long failedCount, long tookMillis,
                  List<Result> results, List<Problem> problems) {

        static Report of(ScenarioReport report) {
            return new Report(report.ruleSetVersion(), report.passed(), report.results().size(), report.passedCount(),
                    report.failedCount(), report.took().toMillis(), report.results().stream().map(Result::of).toList(),
                    report.problems().stream().map(p -> new Problem(p.file(), p.line(), p.message())).toList());
        }
    }

    @Schema(name = "ScenarioResult")
    record Result(String scenario, String file, int line, boolean passed, List<String> failures, List<String> playsStarted,
                  List<String> firedRules, Health health, List<MilestoneType> milestonesReached, Stage stage) {

        static Result of(ScenarioResult r) {
            ScenarioOutcome o = r.outcome();
            return new Result(r.scenario().name(), r.scenario().file(), r.scenario().line(), r.passed(), r.failures(),
                    o.playsStarted(), o.firedRules(), Health.of(o.health()), o.milestonesReached(), o.stage());
        }
    }

    /** A scenario file that could not be read, at its line. */
    record Problem(String file, int line, String message) {
    }

    @Schema(name = "ScenarioHealth")
    record Health(int score, String band, List<HealthViews.ComponentView> components) {

        static Health of(HealthScore h) {
            return new Health(h.score(), h.band(), h.components().stream().map(HealthViews.ComponentView::of).toList());
        }
    }

    /**
     * What the rules would do with one scenario: each rule that fired with the facts it matched, the plays
     * that would start and those held back, milestones, the stage after, and the facts the rules saw.
     * {@code failures} are only filled when the scenario said what it expects. {@code facts} are the rules'
     * vocabulary as the rules see it (fact name to fields), free-form because rule authors name it.
     */
    record DryRun(String ruleSetVersion, Instant now, Health health, List<FiredRule> firedRules, List<PlayToStart> playsToStart,
                  List<HeldBack> playsHeldBack, List<MilestoneType> milestonesReached, Stage stage, Map<String, Object> facts,
                  List<String> failures) {

        static DryRun of(String version, ScenarioResult result, Function<FactSet, Map<String, Object>> facts) {
            ScenarioOutcome o = result.outcome();
            return new DryRun(version, o.now(), Health.of(o.health()),
                    o.firings().stream().map(FiredRule::of).toList(),
                    o.started().stream().map(s -> new PlayToStart(s.play(), s.why().rule())).toList(),
                    o.heldBack().stream().map(h -> new HeldBack(h.play(), h.rule(), h.reason())).toList(), o.milestonesReached(),
                    o.stage(), facts.apply(o.facts()), result.failures());
        }
    }

    record FiredRule(String rule, Map<String, Object> matchedFacts) {

        static FiredRule of(Why why) {
            return new FiredRule(why.rule(), why.matchedFacts());
        }
    }

    record PlayToStart(String play, String rule) {
    }

    /** A play the rules asked for that would not start, and why. */
    record HeldBack(String play, String rule, String reason) {
    }
}
