package dev.tenure.engine.plays;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlayFilesSendWindowUnitTest {

    private final List<PlayFileProblem> problems = new ArrayList<>();

    private PlayDefinition parse(String content) {
        return PlayFiles.parse("plays/check-in.yml", "check-in", content, Set.of("check-in"), problems);
    }

    @Test
    void aPlayAuthorAsksForBusinessHoursBusinessDaysOrATimeOfDay() {
        PlayDefinition play = parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                    window: business-hours
                  - type: email
                    delay: 2d
                    to: [champion]
                    template: check-in
                    at: "09:30"
                    businessDays: true
                  - type: email
                    to: [champion]
                    template: check-in
                    businessDays: true
                  - type: task
                    title: No window
                """);

        assertThat(problems).isEmpty();
        assertThat(play.steps()).extracting(StepDefinition::window).containsExactly(
                new SendWindow(true, false, null),
                new SendWindow(false, true, LocalTime.of(9, 30)),
                new SendWindow(false, true, null),
                SendWindow.ANY_TIME);
    }

    @Test
    void anUnknownWindowIsReportedWithItsLine() {
        assertThat(parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                    window: office-hours
                """)).isNull();

        assertThat(problems).containsExactly(new PlayFileProblem("plays/check-in.yml", 5,
                "step 1: window 'office-hours' is not known; write window: business-hours"));
    }

    @Test
    void aTimeOfDayThatDoesNotExistIsReportedWithItsLine() {
        assertThat(parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                  - type: email
                    to: [champion]
                    template: check-in
                    at: "25:00"
                """)).isNull();

        assertThat(problems).containsExactly(new PlayFileProblem("plays/check-in.yml", 8,
                "step 2: at: '25:00' is not a time of day; write it quoted, 24-hour, as \"09:30\""));
    }

    @Test
    void anUnquotedOrSloppyTimeIsReported() {
        parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                    at: 9:30
                  - type: task
                    title: Call the sponsor
                    at: "9.30"
                """);

        assertThat(problems).extracting(PlayFileProblem::line).containsExactly(5, 8);
    }

    @Test
    void businessDaysMustBeTrueOrFalse() {
        parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                    businessDays: weekdays
                """);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/check-in.yml", 5,
                "step 1: businessDays must be true or false, not 'weekdays'"));
    }

    @Test
    void businessHoursAndATimeOfDayDoNotGoTogether() {
        parse("""
                name: Check in
                steps:
                  - type: task
                    title: Call the champion
                    window: business-hours
                    at: "09:30"
                """);

        assertThat(problems).containsExactly(new PlayFileProblem("plays/check-in.yml", 6,
                "step 1: use either window: business-hours or at:, not both"));
    }
}
