package dev.tenure.engine.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What tuning found: the current setting and the best few others the search tried, side by side, each scored
 * by a backtest of the same period and ready to upload as a new rule set version.
 *
 * @param knobs               what could move, with the value in force and the range allowed
 * @param current             the setting in force
 * @param best                the best settings tried, best first (the current one left out)
 * @param candidatesEvaluated backtests run, the current setting's included
 * @param stopped             why the search ended
 * @param refused             settings that did not make a usable rule set, and why (e.g. a weight leaving nothing)
 */
public record TuningReport(String ruleSetVersion, Instant from, Instant to, int windowDays, TuningPlan.Goal goal,
                           List<KnobRange> knobs, Setting current, List<Setting> best, int candidatesEvaluated,
                           int maxCandidates, Stop stopped, Duration took, long signalsPerReplay, List<String> refused) {

    public enum Stop {
        /** No single knob's move made the best setting better. */
        CONVERGED,
        /** {@code tenure.backtest.tuning.max-candidates} backtests were run. */
        CANDIDATE_LIMIT,
        /** {@code tenure.backtest.tuning.time-limit} was reached. */
        TIME_LIMIT
    }

    /** A knob: its name, the line declaring it, its value in force, and its range. */
    public record KnobRange(String label, int line, double current, double min, double max, double step) {
    }

    /**
     * One setting scored.
     *
     * @param values          per knob label, its value (read back from the files: weights moved in proportion show so)
     * @param churnRules      all churn rules together, as a backtest scores them
     * @param rules           per churn rule, its precision, recall and lead
     * @param poorToGoodRatio health's POOR cancellation rate over GOOD's (null when not known)
     * @param meetsGoal       whether it reaches the goal
     * @param diff            the unified diff from the rule set in force (empty for the current setting)
     * @param files           the whole rule set with this setting, path to content, as {@code POST /api/rules/versions} takes it
     * @param uploadProblems  why an upload of {@code files} would be refused as they are, each at its file and line:
     *                        mostly scenario tests that pin a threshold the setting moves (change them with it);
     *                        empty when it would be accepted
     */
    public record Setting(Map<String, Double> values, ChurnScore churnRules, List<RuleScore> rules, Double poorToGoodRatio,
                          boolean meetsGoal, String diff, Map<String, String> files, List<String> uploadProblems) {

        public Setting {
            uploadProblems = List.copyOf(uploadProblems);
        }

        Setting withUploadProblems(List<String> problems) {
            return new Setting(values, churnRules, rules, poorToGoodRatio, meetsGoal, diff, files, problems);
        }
    }

    /** A churn rule's score in one setting. */
    public record RuleScore(String rule, ChurnScore churn) {
    }
}
