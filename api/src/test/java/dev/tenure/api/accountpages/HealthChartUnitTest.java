package dev.tenure.api.accountpages;

import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The account page's health trend: axes with their values, dates in the reader's zone, lines told apart without colour. */
class HealthChartUnitTest {

    private final Instant now = TestClock.now();

    /** A score a day for 90 days, newest first as the store gives them, with two components. */
    private List<HealthScore> daily() {
        List<HealthScore> history = new ArrayList<>();
        for (int d = 0; d < 90; d++) {
            history.add(new HealthScore("a", 80 - d / 3, 80, List.of(new HealthComponent("usage", 70, 0.6, "ok"),
                    new HealthComponent("support", 90, 0.4, "ok")), now.minus(Duration.ofDays(d))));
        }
        return history;
    }

    @Test
    void scores_run_0_to_100_up_the_side_and_a_date_every_15_days_along_the_bottom_in_the_readers_zone() {
        HealthChart chart = HealthChart.of(daily(), now, Duration.ofDays(90), ZoneId.of("Pacific/Auckland"));

        assertThat(chart.yTicks()).extracting(HealthChart.Tick::label).containsExactly("0", "25", "50", "75", "100");
        assertThat(chart.yTicks().get(0).at()).isEqualTo(HealthChart.BOTTOM);
        assertThat(chart.yTicks().get(4).at()).isEqualTo(HealthChart.TOP);
        assertThat(chart.xTicks()).hasSize(7);
        assertThat(chart.xTicks().get(0).at()).isEqualTo(HealthChart.LEFT);
        assertThat(chart.xTicks().get(6).at()).isEqualTo(HealthChart.RIGHT);
        assertThat(chart.xTicks()).extracting(HealthChart.Tick::anchor).containsExactly("start", "middle", "middle", "middle", "middle", "middle", "end");
        assertThat(chart.xTicks().get(6).label()).as("now in Auckland").isEqualTo(
                java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH).format(now.atZone(ZoneId.of("Pacific/Auckland"))));
    }

    @Test
    void each_line_has_its_own_dash_and_mark_and_a_long_history_carries_at_most_twelve_marks() {
        HealthChart chart = HealthChart.of(daily(), now, Duration.ofDays(90), ZoneId.of("UTC"));

        assertThat(chart.lines()).extracting(HealthChart.Line::name).containsExactly("Health score", "usage", "support");
        assertThat(chart.lines()).extracting(HealthChart.Line::dash).doesNotHaveDuplicates();
        assertThat(chart.lines()).extracting(HealthChart.Line::mark).doesNotHaveDuplicates();
        assertThat(chart.lines().get(0).marks().split("M").length - 1).isBetween(1, HealthChart.MARKED);
        assertThat(chart.lines().get(0).dots()).allSatisfy(d -> {
            assertThat(d.x()).isBetween((double) HealthChart.LEFT, (double) HealthChart.RIGHT);
            assertThat(d.y()).isBetween((double) HealthChart.TOP, (double) HealthChart.BOTTOM);
        });
    }

    @Test
    void a_component_the_health_model_took_in_later_is_drawn_on_the_days_it_was_scored() {
        // 60 days scored by a model with relationship, then 30 by one that weighs adoption in instead (a new health.yml,
        // or a backfill with the model in force over an older live past).
        List<HealthScore> history = new ArrayList<>();
        for (int d = 0; d < 90; d++) {
            HealthComponent changed = d < 30 ? new HealthComponent("adoption", 40, 0.4, "ok") : new HealthComponent("relationship", 100, 0.4, "ok");
            history.add(new HealthScore("a", 70, 70, List.of(new HealthComponent("usage", 70, 0.6, "ok"), changed),
                    now.minus(Duration.ofDays(d))));
        }

        HealthChart chart = HealthChart.of(history, now, Duration.ofDays(90), ZoneId.of("UTC"));

        HealthChart.Line score = line(chart, "Health score");
        HealthChart.Line adoption = line(chart, "adoption");
        HealthChart.Line relationship = line(chart, "relationship");
        assertThat(adoption.dots()).hasSize(30);
        assertThat(adoption.dots()).extracting(HealthChart.Dot::x)
                .containsExactlyElementsOf(score.dots().subList(60, 90).stream().map(HealthChart.Dot::x).toList());
        assertThat(relationship.dots()).extracting(HealthChart.Dot::x)
                .containsExactlyElementsOf(score.dots().subList(0, 60).stream().map(HealthChart.Dot::x).toList());
    }

    private static HealthChart.Line line(HealthChart chart, String name) {
        return chart.lines().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void one_score_is_one_marked_point() {
        HealthChart chart = HealthChart.of(daily().subList(0, 1), now, Duration.ofDays(90), ZoneId.of("UTC"));

        assertThat(chart.lines().get(0).dots()).hasSize(1);
        assertThat(chart.lines().get(0).marks()).startsWith("M");
    }
}
