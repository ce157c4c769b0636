package dev.tenure.engine.outcomes;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Rates and medians of one side of a comparison, by hand: pending runs count neither way. */
class ArmOutcomeUnitTest {

    private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

    @Test
    void five_decided_runs_four_reached_in_2_4_6_and_10_days_and_one_pending() {
        ArmOutcome arm = ArmOutcome.of(List.of(reached(6), reached(2), missed(), reached(10), reached(4), pending()));

        assertThat(arm.runs()).isEqualTo(5);
        assertThat(arm.reached()).isEqualTo(4);
        assertThat(arm.pending()).isEqualTo(1);
        assertThat(arm.successRate()).isEqualTo(80.0);
        assertThat(arm.medianDaysToGoal()).isEqualTo(5.0);     // (4 + 6) / 2
    }

    @Test
    void an_odd_count_has_its_middle_run_as_median() {
        ArmOutcome arm = ArmOutcome.of(List.of(reached(8), missed(), reached(1), reached(3)));

        assertThat(arm.successRate()).isCloseTo(75.0, within(1e-9));
        assertThat(arm.medianDaysToGoal()).isEqualTo(3.0);
    }

    @Test
    void without_decided_runs_there_is_no_rate_and_without_reached_ones_no_median() {
        assertThat(ArmOutcome.of(List.of(pending()))).isEqualTo(new ArmOutcome(0, 0, 1, null, null));
        assertThat(ArmOutcome.of(List.of(missed(), missed()))).isEqualTo(new ArmOutcome(2, 0, 0, 0.0, null));
    }

    @Test
    void the_lift_is_the_difference_of_the_rates_in_points_and_few_runs_are_too_few_to_tell() {
        List<RunOutcome> runs = List.of(reached(2), reached(4), missed(), holdout(reached(8)), holdout(missed()), holdout(missed()));

        PlayOutcome play = PlayOutcome.of("save", "Save", 30, 10, runs, 3);

        assertThat(play.liftPoints()).isCloseTo(200.0 / 3 - 100.0 / 3, within(1e-9));
        assertThat(play.tooFewToTell()).isFalse();
        assertThat(PlayOutcome.of("save", "Save", 30, 10, runs, 4).tooFewToTell()).isTrue();
        assertThat(PlayOutcome.of("save", "Save", 30, 10, runs.subList(0, 3), 1).liftPoints()).isNull();
    }

    private static RunOutcome reached(double days) {
        return run(Arm.ENROLLED, GoalStatus.REACHED, days);
    }

    private static RunOutcome missed() {
        return run(Arm.ENROLLED, GoalStatus.MISSED, null);
    }

    private static RunOutcome pending() {
        return run(Arm.ENROLLED, GoalStatus.PENDING, null);
    }

    private static RunOutcome holdout(RunOutcome run) {
        return run(Arm.HOLDOUT, run.status(), run.daysToGoal());
    }

    private static RunOutcome run(Arm arm, GoalStatus status, Double days) {
        return new RunOutcome(1, "save", "Save", "acme", "Acme", "csm@tenure.test", arm, START, START.plusSeconds(30 * 86400),
                status, days == null ? null : START.plusSeconds((long) (days * 86400)), days);
    }
}
