package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlayFilesCadenceUnitTest {

    private final List<PlayFileProblem> problems = new ArrayList<>();

    private PlayDefinition parse(String content) {
        return PlayFiles.parse("plays/qbr.yml", "qbr", content, Set.of("renewal-reminder"), problems);
    }

    @Test
    void givenEveryNinetyDaysFromStartForHighTouchThenStepsArePlacedBeforeEachOccurrence() {
        PlayDefinition play = parse("""
                name: QBR
                cadence:
                  every: 90d
                  from: start
                  segment: HIGH_TOUCH
                steps:
                  - type: task
                    before: 14d
                    title: Prepare the QBR
                """);

        assertThat(problems).isEmpty();
        assertThat(play.cadence()).isEqualTo(new Cadence(Cadence.Kind.EVERY, 90, Set.of(Segment.HIGH_TOUCH), Set.of()));
        assertThat(play.steps().get(0).before()).isEqualTo(Span.ofDays(14));
    }

    @Test
    void givenARenewalCadenceWithStagesAndAQuarterlyOneThenBothRead() {
        PlayDefinition renewal = parse("""
                name: Renewal
                cadence: { before: renewal, segments: [high touch, LOW_TOUCH], stage: [VALUE, renewal] }
                steps:
                  - type: email
                    before: 60d
                    to: [champion]
                    template: renewal-reminder
                """);
        PlayDefinition quarterly = parse("""
                name: Quarterly
                cadence: { every: quarter }
                steps:
                  - type: task
                    before: 0d
                    title: Quarter starts
                """);

        assertThat(problems).isEmpty();
        assertThat(renewal.cadence()).isEqualTo(new Cadence(Cadence.Kind.RENEWAL, 0,
                Set.of(Segment.HIGH_TOUCH, Segment.LOW_TOUCH), Set.of(Stage.VALUE, Stage.RENEWAL)));
        assertThat(quarterly.cadence().kind()).isEqualTo(Cadence.Kind.QUARTER);
    }

    @Test
    void givenDelayInACadenceOrBeforeWithoutOneThenEachIsReportedAtItsLine() {
        assertThat(parse("""
                name: QBR
                cadence:
                  every: 90d
                steps:
                  - type: task
                    delay: 2d
                    before: 14d
                    title: Prepare
                  - type: task
                    title: No before
                """)).isNull();
        assertThat(parse("""
                name: Check in
                steps:
                  - type: task
                    before: 14d
                    title: Call
                """)).isNull();

        assertThat(problems).extracting(PlayFileProblem::line).containsExactly(6, 9, 4);
        assertThat(problems.get(0).message()).contains("step 1: a play with a cadence places its steps before each occurrence");
        assertThat(problems.get(1).message()).contains("step 2: a step of a play with a cadence needs before:");
        assertThat(problems.get(2).message()).contains("step 1: before: is for plays with a cadence");
    }

    @Test
    void givenBadCadenceFieldsThenEachIsReportedAtItsLine() {
        assertThat(parse("""
                name: QBR
                cooldown: 60d
                cadence:
                  every: 3w
                  from: renewal
                  segment: MEDIUM_TOUCH
                  often: yes
                steps:
                  - type: task
                    before: 14d
                    title: Prepare
                """)).isNull();

        assertThat(problems).extracting(PlayFileProblem::line).containsExactlyInAnyOrder(2, 4, 5, 6, 7);
        assertThat(problems).extracting(PlayFileProblem::message).anyMatch(m -> m.startsWith("cadence.every: '3w' is neither"))
                .anyMatch(m -> m.startsWith("cadence.segment: 'MEDIUM_TOUCH' is not one of"))
                .anyMatch(m -> m.startsWith("cadence.often is not known"))
                .anyMatch(m -> m.startsWith("cadence.from: 'renewal' is not known"))
                .anyMatch(m -> m.contains("has no cooldown"));
    }

    @Test
    void givenEveryAndBeforeTogetherOrNeitherThenTheCadenceIsRefused() {
        parse("""
                name: QBR
                cadence: { every: 90d, before: renewal }
                steps:
                  - { type: task, before: 1d, title: x }
                """);
        parse("""
                name: QBR
                cadence: { segment: HIGH_TOUCH }
                steps:
                  - { type: task, before: 1d, title: x }
                """);

        assertThat(problems).extracting(PlayFileProblem::message)
                .containsOnly("cadence needs either every: (90d or quarter) or before: renewal");
    }

    @Test
    void occurrencesFollowTheirCadence() {
        LocalDate start = LocalDate.of(2026, 1, 10);
        Cadence every = new Cadence(Cadence.Kind.EVERY, 90, Set.of(), Set.of());
        Cadence quarter = new Cadence(Cadence.Kind.QUARTER, 0, Set.of(), Set.of());
        Cadence renewal = new Cadence(Cadence.Kind.RENEWAL, 0, Set.of(), Set.of());

        assertThat(every.nextOccurrence(start, null, start)).isEqualTo(start.plusDays(90));
        assertThat(every.nextOccurrence(start, null, start.plusDays(90))).isEqualTo(start.plusDays(90));
        assertThat(every.nextOccurrence(start, null, start.plusDays(91))).isEqualTo(start.plusDays(180));
        assertThat(every.nextOccurrence(start, null, start.minusDays(5))).isEqualTo(start.plusDays(90));
        assertThat(quarter.nextOccurrence(null, null, LocalDate.of(2026, 11, 24))).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(quarter.nextOccurrence(null, null, LocalDate.of(2026, 10, 1))).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(renewal.nextOccurrence(start, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1)))
                .isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(renewal.nextOccurrence(start, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2))).isNull();
        assertThat(every.nextOccurrence(null, null, start)).isNull();
    }
}
