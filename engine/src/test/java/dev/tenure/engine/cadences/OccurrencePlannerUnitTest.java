package dev.tenure.engine.cadences;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.Cadence;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OccurrencePlannerUnitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final OccurrencePlanner planner = new OccurrencePlanner(
            new StepPlacement(ZoneId.of("UTC"), new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0))),
            Duration.ofDays(1));

    private static StepDefinition task(int daysBefore) {
        return new StepDefinition(StepType.TASK, Span.ZERO, "csm", "Renewal in " + daysBefore, null, "NORMAL",
                Span.ofDays(3), List.of(), null, SendWindow.ANY_TIME, false, Span.ofDays(daysBefore));
    }

    private static final PlayDefinition RENEWAL = new PlayDefinition("renewal-cadence", "Renewal", null, Span.ZERO,
            List.of(task(120), task(90), task(60), task(30)), null,
            new Cadence(Cadence.Kind.RENEWAL, 0, Set.of(), Set.of()));

    private static Account renewingOn(LocalDate renewal, String zone) {
        return new Account("a-1", "Acme", Segment.LOW_TOUCH, Stage.VALUE, "dana@cs.example", null, null,
                LocalDate.of(2025, 1, 1), renewal, zone);
    }

    @Test
    void givenARenewal120DaysAheadInTokyoThenItsStepsAreDueAtTheStartOfEachDayThere() {
        LocalDate renewal = LocalDate.of(2027, 3, 25);

        PlannedOccurrence o = planner.plan(RENEWAL, renewingOn(renewal, "Asia/Tokyo"), List.of(), NOW).orElseThrow();

        assertThat(o.occursOn()).isEqualTo(renewal);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(o.steps()).extracting(PlannedStep::dueAt).containsExactly(
                renewal.minusDays(120).atStartOfDay(tokyo).toInstant(), renewal.minusDays(90).atStartOfDay(tokyo).toInstant(),
                renewal.minusDays(60).atStartOfDay(tokyo).toInstant(), renewal.minusDays(30).atStartOfDay(tokyo).toInstant());
        assertThat(o.steps()).extracting(PlannedStep::skipped).containsOnlyNulls();
    }

    @Test
    void givenARenewalFurtherThanTheHorizonThenNothingIsPlannedYet() {
        assertThat(planner.plan(RENEWAL, renewingOn(LocalDate.of(2027, 3, 30), null), List.of(), NOW)).isEmpty();
    }

    @Test
    void givenAnAccountThatCameIn40DaysBeforeItsRenewalThenThe60DayStepRunsNowAndTheEarlierAreSkipped() {
        PlannedOccurrence o = planner.plan(RENEWAL, renewingOn(LocalDate.of(2027, 1, 3), null), List.of(), NOW).orElseThrow();

        assertThat(o.steps()).extracting(PlannedStep::skipped).satisfiesExactly(
                s -> assertThat(s).contains("had passed"), s -> assertThat(s).contains("had passed"),
                s -> assertThat(s).isNull(), s -> assertThat(s).isNull());
        assertThat(o.steps().get(2).dueAt()).isEqualTo(NOW);
        assertThat(o.steps().get(3).dueAt()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    }

    @Test
    void givenARenewalRunTheChurnStoppedAfterItsFirstStepThenOnReturnTheFirstIsNotDoneTwiceAndTheLatestPastOneRunsNow() {
        LocalDate renewal = LocalDate.of(2027, 1, 3);
        // Done: the 120-day task; stopped by the churn: the 90-, 60- and 30-day ones. Back 40 days before the renewal.
        StoppedRun stopped = new StoppedRun(12, renewal, Set.of(0));

        PlannedOccurrence o = planner.plan(RENEWAL, renewingOn(renewal, null), List.of(), NOW, List.of(stopped)).orElseThrow();

        assertThat(o.redoes()).isEqualTo(12L);
        assertThat(o.steps()).extracting(PlannedStep::skipped).satisfiesExactly(
                s -> assertThat(s).isEqualTo("its turn came in run 12, before the account churned"),
                s -> assertThat(s).contains("had passed"), s -> assertThat(s).isNull(), s -> assertThat(s).isNull());
        assertThat(o.steps().get(2).dueAt()).isEqualTo(NOW);
        assertThat(o.steps().get(3).dueAt()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    }

    @Test
    void givenARunTheChurnStoppedForAnotherOccurrenceThenTheNextOneIsPlannedAsNew() {
        StoppedRun earlier = new StoppedRun(12, LocalDate.of(2026, 1, 3), Set.of(0, 1));

        PlannedOccurrence o = planner.plan(RENEWAL, renewingOn(LocalDate.of(2027, 1, 3), null), List.of(), NOW, List.of(earlier))
                .orElseThrow();

        assertThat(o.redoes()).isNull();
        assertThat(o.steps()).extracting(PlannedStep::skipped).filteredOn(s -> s != null).allMatch(s -> s.contains("had passed"));
    }
}
