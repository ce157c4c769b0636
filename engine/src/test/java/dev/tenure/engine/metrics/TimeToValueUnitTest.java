package dev.tenure.engine.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TimeToValueUnitTest {

    @Test
    void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        // 30, 10, 15, 40 sorted: 10, 15, 30, 40 → (15 + 30) / 2
        assertThat(TimeToValue.of(Arrays.asList(30L, 10L, 15L, 40L)).medianDays()).isEqualTo(new BigDecimal("22.5"));
    }

    @Test
    void the_median_of_an_odd_count_is_the_middle_one() {
        assertThat(TimeToValue.of(Arrays.asList(30L, 10L, 15L)).medianDays()).isEqualTo(new BigDecimal("15.0"));
    }

    @Test
    void accounts_that_have_not_reached_first_value_count_as_started_not_in_the_median() {
        TimeToValue ttv = TimeToValue.of(Arrays.asList(12L, null, 20L, null));
        assertThat(ttv).isEqualTo(new TimeToValue(4, 2, new BigDecimal("16.0")));
        assertThat(TimeToValue.of(Arrays.asList((Long) null)).medianDays()).isNull();
    }

    @Test
    void qbr_completion_is_done_over_due_and_absent_when_none_were_due() {
        assertThat(QbrCompletion.of(3, 2).rate()).isEqualTo(new BigDecimal("66.7"));
        assertThat(QbrCompletion.of(0, 0).rate()).isNull();
    }
}
