package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.CustomerSatisfaction;
import dev.tenure.engine.metrics.MetricsRow;
import dev.tenure.engine.metrics.NetPromoterScore;
import dev.tenure.engine.metrics.SurveyFigures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsChartsUnitTest {

    static MetricsRow<SurveyFigures> month(String month, Integer... npsScores) {
        LocalDate from = LocalDate.parse(month + "-01");
        return new MetricsRow<>(month, from, from.plusMonths(1),
                new SurveyFigures(NetPromoterScore.of(List.of(npsScores)), CustomerSatisfaction.of(List.of())));
    }

    @Test
    void a_month_without_answers_breaks_the_line_instead_of_bridging_it() {
        MetricsCharts.LineChart chart = MetricsCharts.surveys(List.of(month("2026-01", 10), month("2026-02", 9, 3),
                month("2026-03"), month("2026-04", 0)));

        MetricsCharts.Line nps = chart.lines().get(0);
        assertThat(nps.dots()).hasSize(3);
        assertThat(nps.segments()).hasSize(2);
        assertThat(nps.dots().get(0).title()).isEqualTo("NPS 2026-01: 100.0");
        // −100 to 100: 100 at the top (y 10), −100 at the bottom (y 240)
        assertThat(nps.dots().get(0).y()).isEqualTo(10.0);
        assertThat(nps.dots().get(2).y()).isEqualTo(240.0);
        assertThat(chart.lines().get(1).dots()).isEmpty();
    }

    @Test
    void a_chart_with_no_value_at_all_is_empty_so_the_page_says_so_instead() {
        assertThat(MetricsCharts.surveys(List.of(month("2026-01"), month("2026-02"))).empty()).isTrue();
    }
}
