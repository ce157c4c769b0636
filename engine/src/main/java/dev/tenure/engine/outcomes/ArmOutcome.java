package dev.tenure.engine.outcomes;

import java.util.List;

/**
 * One side of a play's comparison. {@code runs} counts the runs whose horizon has passed (reached or
 * missed); {@code pending} those still inside it, which count neither way. {@code successRate} is a
 * percentage of {@code runs}, null without any; {@code medianDaysToGoal} is over the reached runs (the mean
 * of the two middle ones for an even count), null without any.
 */
public record ArmOutcome(int runs, int reached, int pending, Double successRate, Double medianDaysToGoal) {

    static ArmOutcome of(List<RunOutcome> outcomes) {
        int pending = (int) outcomes.stream().filter(o -> o.status() == GoalStatus.PENDING).count();
        List<Double> times = outcomes.stream().filter(o -> o.status() == GoalStatus.REACHED)
                .map(RunOutcome::daysToGoal).sorted().toList();
        int runs = outcomes.size() - pending;
        return new ArmOutcome(runs, times.size(), pending, runs == 0 ? null : 100.0 * times.size() / runs, median(times));
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
