package dev.tenure.engine.metrics;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodUnitTest {

    @Test
    void a_period_from_the_middle_of_a_month_is_cut_into_months_cut_to_the_period() {
        ReportPeriod period = new ReportPeriod(LocalDate.parse("2026-01-15"), LocalDate.parse("2026-03-01"));
        assertThat(period.months()).extracting(ReportPeriod::label).containsExactly("2026-01-15..2026-02-01", "2026-02");
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from (2026-03-01) must be before");
    }
}
