package dev.tenure.api.outcomes;

import dev.tenure.engine.outcomes.Arm;
import dev.tenure.engine.outcomes.ArmOutcome;
import dev.tenure.engine.outcomes.GoalStatus;
import dev.tenure.engine.outcomes.PlayOutcome;
import dev.tenure.engine.outcomes.RunOutcome;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Play outcomes as the API answers them. */
final class OutcomeViews {

    private OutcomeViews() {
    }

    /** Every measured play's comparison over the period; {@code csm} when narrowed to one CSM's accounts. */
    record PlaysView(LocalDate from, LocalDate to, String csm, List<OutcomeView> plays) {
    }

    /** One play's comparison and its runs. */
    record PlayView(String playId, LocalDate from, LocalDate to, String csm, OutcomeView outcome, List<MeasuredRun> runs) {

        static PlayView of(OutcomeReports.PlayReport r) {
            return new PlayView(r.playId(), r.from(), r.to(), r.csm(), OutcomeView.of(r.outcome()),
                    r.runs().stream().map(MeasuredRun::of).toList());
        }
    }

    /** A play's accounts that got it against those held out: success rates, lift, and whether there are too few to tell. */
    record OutcomeView(String playId, String playName, Integer withinDays, Integer holdoutPercent, ArmView enrolled,
                       ArmView holdout, Double liftPoints, boolean tooFewToTell, int minimumRuns) {

        static OutcomeView of(PlayOutcome o) {
            return o == null ? null : new OutcomeView(o.playId(), o.playName(), o.withinDays(), o.holdoutPercent(),
                    ArmView.of(o.enrolled()), ArmView.of(o.holdout()), o.liftPoints(), o.tooFewToTell(), o.minimumRuns());
        }
    }

    /** One side: runs decided (horizon passed), goal reached, pending, success rate (%), median days to goal. */
    record ArmView(int runs, int reached, int pending, Double successRate, Double medianDaysToGoal) {

        static ArmView of(ArmOutcome a) {
            return a == null ? null : new ArmView(a.runs(), a.reached(), a.pending(), a.successRate(), a.medianDaysToGoal());
        }
    }

    /** One run of a measured play, got it or held out, and its goal. */
    record MeasuredRun(long runId, String playId, String playName, String accountId, String accountName, String csm, Arm arm,
                   Instant startedAt, Instant horizonAt, GoalStatus status, Instant reachedAt, Double daysToGoal) {

        static MeasuredRun of(RunOutcome r) {
            return new MeasuredRun(r.runId(), r.playId(), r.playName(), r.accountId(), r.accountName(), r.csm(), r.arm(), r.startedAt(),
                    r.horizonAt(), r.status(), r.reachedAt(), r.daysToGoal());
        }
    }
}
