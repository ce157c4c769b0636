package dev.tenure.api.backtests;

import dev.tenure.engine.backtest.TuningPlan;
import dev.tenure.engine.backtest.TuningReport;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tuning's report as the API shows it: the goal, the knobs with their ranges, the setting in force and the
 * best few others side by side, each with its scores, its diff, and the body to upload it as a new rule set
 * version ({@code POST /api/rules/versions}).
 */
record TuningReportBody(String ruleSetVersion, Instant from, Instant to, int windowDays, Goal goal, List<Knob> knobs,
                        Setting current, List<Setting> best, int candidatesEvaluated, int maxCandidates, String stopped,
                        Duration took, long signalsPerReplay, List<String> refused) {

    record Goal(double minRecall, double minMedianLeadDays, Double minHealthRatio, Double minPrecision) {
    }

    record Knob(String label, int line, double current, double min, double max, double step) {
    }

    /** {@code uploadProblems}: why {@code upload} would be refused as it is (scenario tests to change with it). */
    record Setting(Map<String, Double> values, BacktestReportBody.Score churnRules, List<RuleScore> rules,
                   Double poorToGoodRatio, boolean meetsGoal, String diff, Upload upload, List<String> uploadProblems) {
    }

    record RuleScore(String rule, BacktestReportBody.Score churn) {
    }

    /**
     * What {@code POST /api/rules/versions} takes: the files, the version tuned with this setting, and that version as
     * the one it replaces, so the upload is refused (409) unless the version tuned is still the one in force: the
     * files would undo any other version's changes, whether made while the tuning ran or before it (a tuning of an
     * older version). Null for a tuning of posted files never stored, whose upload replaces whatever is in force.
     */
    @Schema(name = "TuningUpload")
    record Upload(Map<String, String> files, String replaces) {
    }

    /** {@code replaces}: the stored version tuned, which each setting's upload replaces; null for posted files never stored. */
    static TuningReportBody of(TuningReport r, String replaces) {
        TuningPlan.Goal g = r.goal();
        return new TuningReportBody(r.ruleSetVersion(), r.from(), r.to(), r.windowDays(),
                new Goal(g.minRecall(), g.minMedianLeadDays(), g.minHealthRatio(), g.minPrecision()),
                r.knobs().stream().map(k -> new Knob(k.label(), k.line(), k.current(), k.min(), k.max(), k.step())).toList(),
                setting(r.current(), null, false), r.best().stream().map(s -> setting(s, replaces, true)).toList(), r.candidatesEvaluated(),
                r.maxCandidates(), r.stopped().name(), r.took(), r.signalsPerReplay(), r.refused());
    }

    /** {@code withUpload}: false for the current setting, which has nothing to upload. */
    private static Setting setting(TuningReport.Setting s, String replaces, boolean withUpload) {
        return new Setting(s.values(), BacktestReportBody.Score.of(s.churnRules()),
                s.rules().stream().map(rule -> new RuleScore(rule.rule(), BacktestReportBody.Score.of(rule.churn()))).toList(),
                s.poorToGoodRatio(), s.meetsGoal(), s.diff(), withUpload ? new Upload(s.files(), replaces) : null, s.uploadProblems());
    }
}
