package dev.tenure.engine.intake;

import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.backtest.DailyTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live daily evaluation fires at 06:00 on the wall clock of {@code tenure.default-timezone}, at the moments a
 * backtest and a health backfill replay it at ({@link DailyTimes}), however the zone is written: a region, or an
 * offset from UTC as {@code ZoneId} reads it ({@code UTC+05:45}, which {@code java.util.TimeZone} does not know).
 */
class DailyEvaluationTriggerUnitTest {

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource({
            "Asia/Kathmandu,     2028-02-28T00:15:00Z, 2028-02-29T00:15:00Z",
            "UTC+05:45,          2028-02-28T00:15:00Z, 2028-02-29T00:15:00Z",
            "UTC-03:30,          2027-03-13T09:30:00Z, 2027-03-14T09:30:00Z",
            "America/St_Johns,   2027-03-13T09:30:00Z, 2027-03-14T08:30:00Z",
            "UT+14,              2027-12-31T16:00:00Z, 2028-01-01T16:00:00Z",
            "Pacific/Kiritimati, 2027-12-31T16:00:00Z, 2028-01-01T16:00:00Z",
            "UTC,                2027-12-31T06:00:00Z, 2028-01-01T06:00:00Z",
    })
    void the_daily_evaluation_fires_at_six_in_the_default_time_zone_as_the_backtest_replays_it(String zone, Instant first,
                                                                                             Instant second) {
        EngineProperties engine = new EngineProperties("rules", ZoneId.of(zone), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 6 * * ?", 100, "http://localhost:8080", 2);
        Trigger trigger = new DailyEvaluationJobs().dailyEvaluation(engine);

        Instant from = first.minus(Duration.ofHours(12));
        List<Instant> fired = new ArrayList<>();
        OperableTrigger operable = (OperableTrigger) trigger;
        operable.setStartTime(Date.from(from));
        for (Date next = operable.getFireTimeAfter(Date.from(from)); fired.size() < 2; next = operable.getFireTimeAfter(next)) {
            fired.add(next.toInstant());
        }

        assertThat(fired).containsExactly(first, second);
        assertThat(DailyTimes.between(engine.dailyEvaluation(), engine.defaultTimezone(), from, second.plusSeconds(1)))
                .containsExactlyElementsOf(fired);
    }

    @Test
    void an_empty_default_time_zone_one_no_cron_schedule_can_follow_or_a_daily_time_that_is_no_cron_expression_stops_the_start_naming_the_setting() {
        assertThatThrownBy(() -> new EngineProperties("rules", ZoneId.of("+05:45:30"), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 6 * * ?", 100, "http://localhost:8080", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenure.default-timezone: ")
                .hasMessageContaining("+05:45:30");
        assertThatThrownBy(() -> new EngineProperties("rules", null, "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 6 * * ?", 100, "http://localhost:8080", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenure.default-timezone is empty");
        assertThatThrownBy(() -> new EngineProperties("rules", ZoneId.of("UTC"), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 25 * * ?", 100, "http://localhost:8080", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenure.daily-evaluation: '0 0 25 * * ?'");
    }

    @Test
    void a_daily_time_that_never_fires_again_stops_the_start_naming_the_setting_not_with_quartzs_message() {
        assertThatThrownBy(() -> new EngineProperties("rules", ZoneId.of("Europe/Paris"), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 6 * * ? 2020", 100, "http://localhost:8080", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tenure.daily-evaluation: '0 0 6 * * ? 2020' never fires after ");
        assertThatThrownBy(() -> new EngineProperties("rules", ZoneId.of("UTC"), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), " ", 100, "http://localhost:8080", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenure.daily-evaluation is empty");
        // A year still to come is a schedule Quartz takes.
        EngineProperties ahead = new EngineProperties("rules", ZoneId.of("UTC"), "Tenure <cs@tenure.example>",
                Duration.ofSeconds(30), "0 0 6 * * ? 2090-2099", 100, "http://localhost:8080", 2);
        assertThat(((OperableTrigger) new DailyEvaluationJobs().dailyEvaluation(ahead))
                .getFireTimeAfter(new Date())).isNotNull();
    }
}
