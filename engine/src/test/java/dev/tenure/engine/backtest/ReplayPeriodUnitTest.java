package dev.tenure.engine.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A period begins no earlier than 2000-01-01, the first day a signal can be stored, in whatever zone its days are. */
class ReplayPeriodUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-09T14:00:00Z");

    @Test
    void the_first_day_is_2000_01_01_in_a_zone_east_of_utc_too_and_the_day_before_is_refused_naming_from() {
        List<ReplayPeriod.Problem> problems = new ArrayList<>();
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        ReplayPeriod period = ReplayPeriod.read("2000-01-01", "2000-02-01", berlin, NOW, problems);

        assertThat(problems).isEmpty();
        assertThat(period.from()).isEqualTo(Instant.parse("1999-12-31T23:00:00Z"));
        assertThatCode(() -> ReplayPeriod.check(period.from(), period.to(), NOW)).doesNotThrowAnyException();

        assertThat(ReplayPeriod.read("1999-12-31", "2000-02-01", ZoneOffset.UTC, NOW, problems)).isNull();
        assertThat(ReplayPeriod.read("1999-12-31T23:59:59Z", "2000-02-01", ZoneOffset.UTC, NOW, problems)).isNull();
        assertThat(problems).extracting(ReplayPeriod.Problem::field).containsExactly("from", "from");
        assertThat(problems.get(0).message()).contains("is before 2000-01-01");
    }
}
