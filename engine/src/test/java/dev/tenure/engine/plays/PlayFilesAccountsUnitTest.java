package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A play's {@code accounts:} says whether it is for customers (the default) or for churned accounts. */
class PlayFilesAccountsUnitTest {

    private static final String STEPS = """
            steps:
              - type: task
                title: Call them
            """;

    @Test
    void a_play_is_for_active_accounts_unless_it_says_churned() {
        assertThat(parse("name: Call\n" + STEPS, new ArrayList<>()).audience()).isEqualTo(Audience.ACTIVE);
        assertThat(parse("name: Call\naccounts: active\n" + STEPS, new ArrayList<>()).audience()).isEqualTo(Audience.ACTIVE);
        assertThat(parse("name: Call\naccounts: Churned\n" + STEPS, new ArrayList<>()).audience()).isEqualTo(Audience.CHURNED);
    }

    @Test
    void another_value_is_reported_with_its_line() {
        List<PlayFileProblem> problems = new ArrayList<>();

        PlayDefinition play = parse("name: Call\ngoal: back\naccounts: former\n" + STEPS, problems);

        assertThat(play).isNull();
        assertThat(problems).containsExactly(new PlayFileProblem("plays/call.yml", 3, "accounts must be active (the default: "
                + "customers) or churned (accounts that cancelled, e.g. a win-back play), not 'former'"));
    }

    @Test
    void a_play_with_a_cadence_cannot_be_for_churned_accounts() {
        List<PlayFileProblem> problems = new ArrayList<>();

        parse("name: QBR\naccounts: churned\ncadence: { every: 90d, from: start }\nsteps:\n  - type: task\n    before: 7d\n"
                + "    title: Prepare\n", problems);

        assertThat(problems).extracting(PlayFileProblem::line, PlayFileProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "a play with a cadence is for active accounts: churned accounts get no QBR or renewal routine"));
    }

    @Test
    void a_play_for_active_accounts_refuses_a_churned_one_and_a_win_back_play_an_active_one() {
        assertThat(Audience.ACTIVE.refusal(Stage.CHURNED)).contains("the account churned");
        assertThat(Audience.ACTIVE.refusal(Stage.VALUE)).isEmpty();
        assertThat(Audience.CHURNED.refusal(Stage.CHURNED)).isEmpty();
        assertThat(Audience.CHURNED.refusal(Stage.ONBOARDING)).contains("the play is for churned accounts and the account is active");
    }

    private static PlayDefinition parse(String content, List<PlayFileProblem> problems) {
        String id = content.startsWith("name: QBR") ? "qbr" : "call";
        return PlayFiles.parse("plays/" + id + ".yml", id, content, Set.of(), problems);
    }
}
