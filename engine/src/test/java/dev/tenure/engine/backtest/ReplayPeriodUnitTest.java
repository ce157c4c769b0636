package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A period begins no earlier than 2000-01-01, the first day a signal can be stored, in whatever zone its days are. */
class ReplayPeriodUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-09T14:00:00Z");
    private static final int MAX_DAYS = 3660;

    @Test
    void the_first_day_is_2000_01_01_in_a_zone_east_of_utc_too_and_the_day_before_is_refused_naming_from() {
        List<ReplayPeriod.Problem> problems = new ArrayList<>();
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        ReplayPeriod period = ReplayPeriod.read("2000-01-01", "2000-02-01", berlin, NOW, MAX_DAYS, problems);

        assertThat(problems).isEmpty();
        assertThat(period.from()).isEqualTo(Instant.parse("1999-12-31T23:00:00Z"));
        assertThatCode(() -> ReplayPeriod.check(period.from(), period.to(), NOW, MAX_DAYS)).doesNotThrowAnyException();

        assertThat(ReplayPeriod.read("1999-12-31", "2000-02-01", ZoneOffset.UTC, NOW, MAX_DAYS, problems)).isNull();
        assertThat(ReplayPeriod.read("1999-12-31T23:59:59Z", "2000-02-01", ZoneOffset.UTC, NOW, MAX_DAYS, problems)).isNull();
        assertThat(problems).extracting(ReplayPeriod.Problem::field).containsExactly("from", "from");
        assertThat(problems.get(0).message()).contains("is before 2000-01-01");
    }

    @Test
    void a_period_of_more_days_than_a_backtest_may_replay_is_refused_naming_to_also_when_the_clocks_change_within_it() {
        List<ReplayPeriod.Problem> problems = new ArrayList<>();
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        // 90 days of Berlin from January to April: 90 days less the hour the clocks moved forward, or 90 days and
        // that hour the other way round; either is 90 days of the calendar.
        assertThat(ReplayPeriod.read("2026-01-05", "2026-04-05", berlin, NOW, 90, problems)).isNotNull();
        assertThat(ReplayPeriod.read("2026-08-01", "2026-10-30", berlin, NOW, 90, problems)).isNotNull();
        assertThat(problems).isEmpty();

        assertThat(ReplayPeriod.read("2026-01-05", "2026-04-06", berlin, NOW, 90, problems)).isNull();
        assertThat(problems).extracting(ReplayPeriod.Problem::field).containsExactly("to");
        assertThat(problems.get(0).message()).contains("91 days", "at most 90");
        assertThatThrownBy(() -> ReplayPeriod.check(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z"),
                NOW, 90)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("to: ");
    }
}
