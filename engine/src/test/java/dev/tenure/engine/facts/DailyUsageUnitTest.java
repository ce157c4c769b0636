package dev.tenure.engine.facts;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage per day in arrays: days may arrive in any order, far apart, and windows read only their days. */
class DailyUsageUnitTest {

    static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    @Test
    void days_added_before_after_and_far_from_the_first_are_all_kept() {
        DailyUsage usage = new DailyUsage();
        usage.add(LocalDate.parse("2026-03-10"), 5, 2);
        usage.add(LocalDate.parse("2026-01-01"), 7, 9);
        usage.add(LocalDate.parse("2027-06-30"), 11, 1);
        usage.add(LocalDate.parse("2026-03-10"), 1, 4);

        assertThat(usage.uses(day("2025-01-01"), day("2028-01-01"))).isEqualTo(24);
        assertThat(usage.uses(day("2026-03-10"), day("2026-03-11"))).isEqualTo(6);
        assertThat(usage.mostActiveUsers(day("2026-03-01"), day("2026-04-01"))).isEqualTo(4);
        assertThat(usage.lastUsedBetween(day("2025-01-01"), day("2027-01-01"))).isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void a_day_whose_signals_say_zero_uses_has_data_but_no_use() {
        DailyUsage usage = new DailyUsage();
        usage.add(LocalDate.parse("2026-05-02"), 0, 0);

        assertThat(usage.hasDataBetween(day("2026-05-01"), day("2026-05-03"))).isTrue();
        assertThat(usage.hasDataBetween(day("2026-05-03"), day("2026-06-03"))).isFalse();
        assertThat(usage.lastUsedBetween(day("2026-05-01"), day("2026-05-03"))).isNull();
    }
}
