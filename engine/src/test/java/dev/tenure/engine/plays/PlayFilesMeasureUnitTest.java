package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A play's {@code measure:} and {@code holdout:} are read into a {@link Measurement}; a play without them is
 * not measured, as before; each mistake names its line.
 */
class PlayFilesMeasureUnitTest {

    private static final String STEPS = """
            steps:
              - type: task
                title: Call them
            """;
    private static final String CADENCE_STEPS = """
            cadence: { every: 90d }
            steps:
              - type: task
                before: 14d
                title: Prepare the QBR
            """;

    private final List<PlayFileProblem> problems = new ArrayList<>();

    @Test
    void a_measured_play_has_its_horizon_and_its_holdout_share() {
        PlayDefinition play = parse("""
                name: Save
                goal: Core usage back to 80% within 30 days
                stopWhen: { usageBackTo: 80 }
                measure: { within: 30d }
                holdout: 10%
                """ + STEPS);

        assertThat(problems).isEmpty();
        assertThat(play.measurement()).isEqualTo(new Measurement(Span.ofDays(30), 10));
        assertThat(play.measurement().measured()).isTrue();
    }

    @Test
    void a_play_file_of_before_is_still_valid_and_not_measured() {
        PlayDefinition play = parse("name: Save\ngoal: Paid within 14 days\nstopWhen: { paymentReceived: true }\n" + STEPS);

        assertThat(problems).isEmpty();
        assertThat(play.measurement()).isEqualTo(Measurement.NONE);
        assertThat(play.measurement().measured()).isFalse();
    }

    @Test
    void holdout_may_be_written_without_the_percent_sign_and_defaults_to_none() {
        assertThat(parse("name: Save\nstopWhen: { npsAtLeast: 7 }\nmeasure:\n  within: 90d\nholdout: 5\ncooldown: 90d\n" + STEPS)
                .measurement()).isEqualTo(new Measurement(Span.ofDays(90), 5));
        assertThat(parse("name: Save\nstopWhen: { npsAtLeast: 7 }\nmeasure: { within: 90d }\n" + STEPS)
                .measurement().holdoutPercent()).isZero();
        assertThat(problems).isEmpty();
    }

    @Test
    void a_measure_without_a_horizon_or_with_an_unknown_condition_is_refused_at_its_line() {
        PlayDefinition play = parse("name: Save\nstopWhen: { usageBackTo: 80 }\nmeasure:\n  renewed: true\n" + STEPS);

        assertThat(play).isNull();
        assertThat(problems).containsExactly(
                new PlayFileProblem("plays/save.yml", 4, "measure.renewed is not known: measure takes within: "
                        + "(the goal's conditions are stopWhen's: usageBackTo, paymentReceived, npsAtLeast)"),
                new PlayFileProblem("plays/save.yml", 3,
                        "measure needs within: how long after the start the goal is checked, e.g. measure: { within: 30d }"));
    }

    @Test
    void a_measure_needs_a_goal_the_engine_can_check_and_a_horizon_that_reads() {
        parse("name: Save\ngoal: Happier customers\nmeasure: { within: 30 }\n" + STEPS);

        assertThat(problems).containsExactly(
                new PlayFileProblem("plays/save.yml", 3, "measure needs a goal the engine can check: "
                        + "add stopWhen: with usageBackTo, paymentReceived, npsAtLeast"),
                new PlayFileProblem("plays/save.yml", 3, "measure.within: '30' is not a duration; write it as 2d, 4h or 30m"));
    }

    @Test
    void a_holdout_on_a_play_without_a_measured_goal_is_refused_at_its_line() {
        parse("name: Save\ngoal: Core usage back\nstopWhen: { usageBackTo: 80 }\nholdout: 10%\n" + STEPS);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/save.yml", 4,
                "holdout needs a measured goal to compare with: add stopWhen: and measure: { within: 30d }"));
    }

    @Test
    void a_play_that_holds_out_needs_a_cooldown_at_least_as_long_as_its_horizon() {
        parse("name: Save\nstopWhen: { usageBackTo: 80 }\nmeasure: { within: 30d }\nholdout: 10%\ncooldown: 14d\n" + STEPS);
        parse("name: Save\nstopWhen: { usageBackTo: 80 }\nmeasure: { within: 30d }\ncooldown: 14d\n" + STEPS);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/save.yml", 4, "a play that holds accounts out needs "
                + "a cooldown at least as long as its horizon (measure.within), or a held-out account could get the play "
                + "before its outcome is measured"));
    }

    @Test
    void a_holdout_on_a_cadence_play_is_refused_at_its_line() {
        PlayDefinition play = PlayFiles.parse("plays/qbr.yml", "qbr",
                "name: QBR\ngoal: QBR held\nholdout: 10%\n" + CADENCE_STEPS, Set.of(), problems);

        assertThat(play).isNull();
        assertThat(problems).containsExactly(new PlayFileProblem("plays/qbr.yml", 3, "a play with a cadence never holds "
                + "accounts out: each occurrence (a QBR, a renewal) is owed to every account"));
    }

    @Test
    void a_cadence_play_is_not_measured() {
        PlayFiles.parse("plays/qbr.yml", "qbr", "name: QBR\nstopWhen: { npsAtLeast: 7 }\nmeasure: { within: 30d }\n"
                + CADENCE_STEPS, Set.of(), problems);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/qbr.yml", 3, "a play with a cadence is not "
                + "measured: it runs for every occurrence, so there is nothing to compare it with"));
    }

    @Test
    void a_holdout_that_is_not_a_whole_percentage_up_to_half_is_refused_at_its_line() {
        String play = "name: Save\nstopWhen: { usageBackTo: 80 }\nmeasure: { within: 30d }\nholdout: %s\n" + STEPS;

        parse(play.formatted("80%"));
        parse(play.formatted("0.1"));
        parse(play.formatted("some"));

        assertThat(problems).extracting(PlayFileProblem::line).containsExactly(4, 4, 4);
        assertThat(problems).extracting(PlayFileProblem::message).containsExactly(
                "holdout must be a whole percentage from 0% to 50%, e.g. holdout: 10%, not '80%'",
                "holdout must be a whole percentage from 0% to 50%, e.g. holdout: 10%, not '0.1'",
                "holdout must be a whole percentage from 0% to 50%, e.g. holdout: 10%, not 'some'");
    }

    private PlayDefinition parse(String content) {
        return PlayFiles.parse("plays/save.yml", "save", content, Set.of(), problems);
    }
}
