package dev.tenure.engine.outcomes;

import java.util.List;

/**
 * Whether a play works: its enrolled runs against its held-out ones. {@code liftPoints} is the enrolled
 * success rate minus the holdout's, in percentage points (null unless both have decided runs);
 * {@code tooFewToTell} when either side has fewer than {@code minimumRuns} decided runs, so a lift from
 * a handful of accounts is not read as an effect. {@code within} and {@code holdoutPercent} are the play's
 * as it stands in the rule set in force (runs keep the horizon they started with).
 */
public record PlayOutcome(String playId, String playName, Integer withinDays, Integer holdoutPercent,
                          ArmOutcome enrolled, ArmOutcome holdout, Double liftPoints, boolean tooFewToTell,
                          int minimumRuns) {

    static PlayOutcome of(String playId, String playName, Integer withinDays, Integer holdoutPercent,
                          List<RunOutcome> runs, int minimumRuns) {
        ArmOutcome enrolled = ArmOutcome.of(runs.stream().filter(r -> r.arm() == Arm.ENROLLED).toList());
        ArmOutcome holdout = ArmOutcome.of(runs.stream().filter(r -> r.arm() == Arm.HOLDOUT).toList());
        Double lift = enrolled.successRate() == null || holdout.successRate() == null ? null
                : enrolled.successRate() - holdout.successRate();
        return new PlayOutcome(playId, playName, withinDays, holdoutPercent, enrolled, holdout, lift,
                enrolled.runs() < minimumRuns || holdout.runs() < minimumRuns, minimumRuns);
    }
}
