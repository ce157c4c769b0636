package dev.tenure.engine.plays;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A task step's {@code checklist:} is read as a list of texts; anything else names its line. */
class PlayFilesChecklistUnitTest {

    @Test
    void a_task_step_carries_its_checklist_in_order() {
        List<PlayFileProblem> problems = new ArrayList<>();

        PlayDefinition play = parse("name: Call\nsteps:\n  - type: task\n    title: Call\n    checklist:\n"
                + "      - \"Read the tickets\"\n      - Call the champion\n", problems);

        assertThat(problems).isEmpty();
        assertThat(play.steps().get(0).checklist()).containsExactly("Read the tickets", "Call the champion");
    }

    @Test
    void a_step_without_a_checklist_has_an_empty_one() {
        assertThat(parse("name: Call\nsteps:\n  - type: task\n    title: Call\n", new ArrayList<>()).steps().get(0).checklist())
                .isEmpty();
    }

    @Test
    void a_checklist_that_is_not_a_list_of_texts_or_sits_on_an_email_is_reported_with_its_line() {
        List<PlayFileProblem> problems = new ArrayList<>();

        parse("name: Call\nsteps:\n  - type: task\n    title: Call\n    checklist: call them\n", problems);
        parse("name: Call\nsteps:\n  - type: task\n    title: Call\n    checklist:\n      - [a, b]\n", problems);
        parse("name: Mail\nsteps:\n  - type: email\n    to: [champion]\n    template: hello\n    checklist: [a]\n", problems);

        assertThat(problems).containsExactly(
                new PlayFileProblem("plays/call.yml", 5,
                        "step 1: checklist must be a list of texts, e.g. [\"Call the champion\", \"Check the integrations\"]"),
                new PlayFileProblem("plays/call.yml", 5, "step 1: checklist item 1 must be a text, not '[\"a\",\"b\"]'"),
                new PlayFileProblem("plays/call.yml", 6, "step 1: checklist applies to task steps only"));
    }

    private static PlayDefinition parse(String content, List<PlayFileProblem> problems) {
        return PlayFiles.parse("plays/call.yml", "call", content, Set.of("hello"), problems);
    }
}
