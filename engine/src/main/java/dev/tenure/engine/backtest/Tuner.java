package dev.tenure.engine.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Searches the knobs' ranges for better settings, one knob at a time (coordinate search): from the setting in
 * force, each knob in turn tries every value of its range with the others held, and keeps the best; passes
 * repeat until none improves, or the candidate or time budget is spent. Each setting is scored by
 * {@link Evaluator} (a backtest); the same setting is never scored twice. Pure: no database, no clock but
 * the one given.
 */
final class Tuner {

    /** Scores the rule set files of one setting; throws {@link IllegalArgumentException} if they are not usable. */
    interface Evaluator {
        BacktestReport evaluate(Map<String, String> files);
    }

    /** Told each time a setting has been scored. */
    interface Listener {
        void scored(int candidates, int maxCandidates);
    }

    private final TuningPlan plan;
    private final int maxCandidates;
    private final Duration timeLimit;
    private final int top;
    private final LongSupplier nanoTime;

    Tuner(TuningPlan plan, int maxCandidates, Duration timeLimit, int top, LongSupplier nanoTime) {
        this.plan = plan;
        this.maxCandidates = maxCandidates;
        this.timeLimit = timeLimit;
        this.top = top;
        this.nanoTime = nanoTime;
    }

    /** A setting scored, with the values that made it. */
    private record Scored(List<Double> key, Map<String, String> files, BacktestReport report) {
    }

    TuningReport search(Map<String, String> base, Evaluator evaluator, Listener listener) {
        long started = nanoTime.getAsLong();
        List<Knob> knobs = plan.knobs();
        List<Double> current = knobs.stream().map(k -> k.current(base)).toList();
        Map<List<Double>, Scored> scored = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        Scored best = score(current, current, base, evaluator, scored, refused);
        if (best == null) {
            throw new IllegalStateException("the rule set in force could not be backtested: " + String.join("; ", refused));
        }
        Scored inForce = best;
        listener.scored(scored.size(), maxCandidates);
        TuningReport.Stop stop = TuningReport.Stop.CONVERGED;
        boolean improved = true;
        search:
        while (improved) {
            improved = false;
            for (int k = 0; k < knobs.size(); k++) {
                for (double value : knobs.get(k).range().values()) {
                    List<Double> key = new ArrayList<>(best.key());
                    key.set(k, value);
                    if (scored.containsKey(key) || refused.stream().anyMatch(r -> r.startsWith(key + ":"))) {
                        continue;
                    }
                    // A setting refused cost a compile too: counted, or a plan whose every setting is refused would
                    // compile for the whole time limit.
                    if (scored.size() + refused.size() >= maxCandidates) {
                        stop = TuningReport.Stop.CANDIDATE_LIMIT;
                        break search;
                    }
                    if (Duration.ofNanos(nanoTime.getAsLong() - started).compareTo(timeLimit) >= 0) {
                        stop = TuningReport.Stop.TIME_LIMIT;
                        break search;
                    }
                    Scored candidate = score(key, current, base, evaluator, scored, refused);
                    listener.scored(scored.size(), maxCandidates);
                    if (candidate != null && order().compare(candidate.report(), best.report()) < 0) {
                        best = candidate;
                        improved = true;
                    }
                }
            }
        }
        // A knob that moves nothing (a health threshold no alert depends on) would fill the list with copies of one
        // outcome: each outcome is offered once, by its smallest move, and none that the rules in force already give.
        Comparator<Scored> better = (a, b) -> order().compare(a.report(), b.report());
        List<Scored> sorted = scored.values().stream().filter(s -> s != inForce)
                .sorted(better.thenComparingDouble(s -> move(s.key(), current))).toList();
        Set<List<Object>> outcomes = new HashSet<>();
        outcomes.add(outcome(inForce));
        List<TuningReport.Setting> ranked = sorted.stream().filter(s -> outcomes.add(outcome(s))).limit(top)
                .map(s -> setting(s, base)).toList();
        List<TuningReport.KnobRange> ranges = new ArrayList<>();
        for (int k = 0; k < knobs.size(); k++) {
            Knob knob = knobs.get(k);
            ranges.add(new TuningReport.KnobRange(knob.label(), knob.line(), current.get(k), knob.range().min().doubleValue(),
                    knob.range().max().doubleValue(), knob.range().step().doubleValue()));
        }
        BacktestReport report = inForce.report();
        return new TuningReport(null, report.from(), report.to(), report.windowDays(), plan.goal(), ranges, setting(inForce, base),
                ranked, scored.size(), maxCandidates, stop, Duration.ofNanos(nanoTime.getAsLong() - started),
                report.signalsReplayed(), refused.stream().map(r -> r.substring(r.indexOf(':') + 2)).toList());
    }

    /**
     * What a setting does, as the report shows it: two settings with the same are the same choice. Whether it
     * meets the goal is part of it: health with no ratio to show may still separate, or not.
     */
    private List<Object> outcome(Scored s) {
        BacktestReport r = s.report();
        return List.of(r.churnRules(), String.valueOf(r.health().poorToGoodRatio()), meets(r));
    }

    /** How far a setting moves from the one in force, in steps of each knob's range. */
    private double move(List<Double> key, List<Double> current) {
        double steps = 0;
        for (int k = 0; k < key.size(); k++) {
            steps += Math.abs(key.get(k) - current.get(k)) / plan.knobs().get(k).range().step().doubleValue();
        }
        return steps;
    }

    /**
     * Backtests the setting {@code key}: the rules in force with each knob that moved from its value in force
     * ({@code inForce}) set. A knob at that value is left as the rules have it, not written again: its rows may hold
     * values of their own (one segment's threshold changed by hand), which the first row's value written into every row
     * would flatten, so the setting in force would not be the rules in force, and a setting moving another knob would
     * carry that change unseen in its diff.
     */
    private Scored score(List<Double> key, List<Double> inForce, Map<String, String> base, Evaluator evaluator,
                         Map<List<Double>, Scored> scored, List<String> refused) {
        Map<String, String> files = base;
        try {
            for (int k = 0; k < key.size(); k++) {
                if (!key.get(k).equals(inForce.get(k))) {
                    files = plan.knobs().get(k).apply(files, key.get(k));
                }
            }
            Scored s = new Scored(key, files, evaluator.evaluate(files));
            scored.put(key, s);
            return s;
        } catch (IllegalArgumentException e) {
            refused.add(key + ": " + describe(key) + ": " + e.getMessage());
            return null;
        }
    }

    private String describe(List<Double> key) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < key.size(); k++) {
            parts.add(plan.knobs().get(k).label() + " = " + RuleSetEdits.number(key.get(k)));
        }
        return String.join(", ", parts);
    }

    private TuningReport.Setting setting(Scored s, Map<String, String> base) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Knob knob : plan.knobs()) {
            values.put(knob.label(), knob.current(s.files()));
        }
        BacktestReport r = s.report();
        List<TuningReport.RuleScore> rules = r.rules().stream().filter(RuleReport::churnRule)
                .map(rule -> new TuningReport.RuleScore(rule.rule(), rule.churn())).toList();
        return new TuningReport.Setting(values, r.churnRules(), rules, r.health().poorToGoodRatio(), meets(r),
                UnifiedDiff.of(base, s.files()), s.files(), List.of());
    }

    /** Better first: settings that meet the goal by precision, then recall, then lead; the others by how far they fall short. */
    Comparator<BacktestReport> order() {
        return (a, b) -> {
            boolean ma = meets(a);
            boolean mb = meets(b);
            if (ma != mb) {
                return ma ? -1 : 1;
            }
            if (!ma) {
                int shortfall = Double.compare(shortfall(a), shortfall(b));
                if (shortfall != 0) {
                    return shortfall;
                }
            }
            int precision = Double.compare(orZero(b.churnRules().precision()), orZero(a.churnRules().precision()));
            if (precision != 0) {
                return precision;
            }
            int recall = Double.compare(orZero(b.churnRules().recall()), orZero(a.churnRules().recall()));
            return recall != 0 ? recall : Double.compare(orZero(b.churnRules().medianLeadDays()), orZero(a.churnRules().medianLeadDays()));
        };
    }

    boolean meets(BacktestReport r) {
        return shortfall(r) == 0;
    }

    /** How far a setting falls short of the goal, each part as a share of its target; 0 when it meets it. */
    double shortfall(BacktestReport r) {
        TuningPlan.Goal goal = plan.goal();
        double shortfall = part(goal.minRecall(), orZero(r.churnRules().recall()))
                + part(goal.minMedianLeadDays(), orZero(r.churnRules().medianLeadDays()));
        if (goal.minPrecision() != null) {
            shortfall += part(goal.minPrecision(), orZero(r.churnRules().precision()));
        }
        if (goal.minHealthRatio() != null && !r.health().separatesBy(goal.minHealthRatio())) {
            shortfall += part(goal.minHealthRatio(), orZero(r.health().poorToGoodRatio()));
        }
        return shortfall;
    }

    private static double part(double target, double reached) {
        return target <= 0 || reached >= target ? 0 : (target - reached) / target;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

}
