package dev.tenure.engine.plays;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A play's {@code stopWhen:} is read into conditions the engine checks, and a wrong one names its line. */
class PlayFilesStopWhenUnitTest {

    private static final String STEPS = """
            steps:
              - type: task
                title: Call them
            """;

    @Test
    void a_play_without_stop_when_never_stops_early() {
        PlayDefinition play = parse("name: Call\n" + STEPS, new ArrayList<>());

        assertThat(play.stopWhen()).isEqualTo(StopWhen.NEVER);
        assertThat(play.stopWhen().never()).isTrue();
    }

    @Test
    void each_condition_is_read_from_a_flow_or_block_map() {
        assertThat(parse("name: Call\nstopWhen: { usageBackTo: 80 }\n" + STEPS, new ArrayList<>()).stopWhen())
                .isEqualTo(new StopWhen(80, null, null));
        assertThat(parse("name: Call\nstopWhen:\n  paymentReceived: true\n  npsAtLeast: 7\n" + STEPS, new ArrayList<>()).stopWhen())
                .isEqualTo(new StopWhen(null, true, 7));
    }

    @Test
    void an_unknown_condition_or_a_value_out_of_range_is_reported_with_its_line() {
        List<PlayFileProblem> problems = new ArrayList<>();

        PlayDefinition play = parse("name: Call\ngoal: back\nstopWhen:\n  usageBackTo: 180\n  renewed: true\n  paymentReceived: no\n"
                + STEPS, problems);

        assertThat(play).isNull();
        assertThat(problems).containsExactly(
                new PlayFileProblem("plays/call.yml", 4, "stopWhen.usageBackTo must be a whole number from 1 to 100, not '180'"),
                new PlayFileProblem("plays/call.yml", 5,
                        "stopWhen.renewed is not a condition the engine can check (usageBackTo, paymentReceived, npsAtLeast)"),
                new PlayFileProblem("plays/call.yml", 6, "stopWhen.paymentReceived can only be true"));
    }

    @Test
    void a_number_yaml_reads_in_another_base_is_refused_as_written_not_taken_as_another_number() {
        // YAML 1.1 as Jackson reads it: 0x50 is 80, 010 is 8 (octal), 1_0 is 10; the author meant none of them.
        List<PlayFileProblem> problems = new ArrayList<>();

        PlayDefinition play = parse("name: Call\ngoal: back\nstopWhen:\n  usageBackTo: 0x50\n  npsAtLeast: 010\nholdout: 1_0\n"
                + STEPS, problems);

        assertThat(play).isNull();
        assertThat(problems).containsExactly(
                new PlayFileProblem("plays/call.yml", 4, "stopWhen.usageBackTo must be a whole number from 1 to 100, not '0x50'"),
                new PlayFileProblem("plays/call.yml", 5, "stopWhen.npsAtLeast must be a whole number from 0 to 10, not '010'"),
                new PlayFileProblem("plays/call.yml", 6, "holdout must be a whole percentage from 0% to 50%, e.g. holdout: 10%, not '1_0'"));
        // A text that YAML would read as such a number is kept as written.
        assertThat(parse("name: Call\nsteps:\n  - type: task\n    title: 0x10\n", new ArrayList<>()).steps().get(0).title())
                .isEqualTo("0x10");
        assertThat(parse("name: Call\nstopWhen: { usageBackTo: 80, npsAtLeast: 0 }\n" + STEPS, new ArrayList<>()).stopWhen())
                .isEqualTo(new StopWhen(80, null, 0));
    }

    @Test
    void stop_when_that_is_not_a_map_is_reported_with_its_line() {
        List<PlayFileProblem> problems = new ArrayList<>();

        parse("name: Call\nstopWhen: goal reached\n" + STEPS, problems);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/call.yml", 2,
                "stopWhen must be a map with usageBackTo, paymentReceived or npsAtLeast"));
    }

    @Test
    void a_task_may_wait_for_the_previous_one_but_the_flag_must_be_true_or_false() {
        List<PlayFileProblem> problems = new ArrayList<>();
        String play = "name: Call\nsteps:\n  - type: task\n    title: Call\n  - type: task\n    title: Follow up\n"
                + "    onlyIfPreviousDone: %s\n";

        assertThat(parse(play.formatted("true"), problems).steps().get(1).onlyIfPreviousDone()).isTrue();
        parse(play.formatted("maybe"), problems);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/call.yml", 7,
                "step 2: onlyIfPreviousDone must be true or false, not 'maybe'"));
    }

    private static PlayDefinition parse(String content, List<PlayFileProblem> problems) {
        return PlayFiles.parse("plays/call.yml", "call", content, Set.of(), problems);
    }
}
