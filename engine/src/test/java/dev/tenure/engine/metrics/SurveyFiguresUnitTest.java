package dev.tenure.engine.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyFiguresUnitTest {

    @Test
    void nps_of_only_promoters_is_100_and_of_only_detractors_minus_100() {
        assertThat(NetPromoterScore.of(List.of(9, 10, 10)).nps()).isEqualTo(new BigDecimal("100.0"));
        assertThat(NetPromoterScore.of(List.of(0, 3, 6)).nps()).isEqualTo(new BigDecimal("-100.0"));
    }

    @Test
    void nps_of_a_mix_is_promoters_share_minus_detractors_share() {
        // 10, 9, 8, 7, 6, 2, 9: 3 promoters, 2 passives, 2 detractors of 7 → (3 − 2) / 7 = 14.3
        NetPromoterScore nps = NetPromoterScore.of(List.of(10, 9, 8, 7, 6, 2, 9));
        assertThat(nps).isEqualTo(new NetPromoterScore(7, 3, 2, 2, new BigDecimal("14.3")));
    }

    @Test
    void nps_without_answers_is_absent() {
        assertThat(NetPromoterScore.of(List.of()).nps()).isNull();
    }

    @Test
    void csat_is_the_share_of_fours_and_fives() {
        // 5, 4, 3, 1, 5, 2, 4, 4: 5 of 8 satisfied
        assertThat(CustomerSatisfaction.of(List.of(5, 4, 3, 1, 5, 2, 4, 4)))
                .isEqualTo(new CustomerSatisfaction(8, 5, new BigDecimal("62.5")));
        assertThat(CustomerSatisfaction.of(List.of()).csat()).isNull();
    }

    @Test
    void a_contact_who_answered_twice_counts_once_with_the_latest_answer() {
        MetricsAccount acme = new MetricsAccount("acme", "HIGH_TOUCH", "dana@tenure.test");
        List<Dated<Surveys.Answer>> answers = List.of(
                new Dated<>(acme, Instant.parse("2026-03-02T10:00:00Z"), new Surveys.Answer("nps", "pat", 3)),
                new Dated<>(acme, Instant.parse("2026-03-20T10:00:00Z"), new Surveys.Answer("nps", "pat", 9)),
                new Dated<>(acme, Instant.parse("2026-03-05T10:00:00Z"), new Surveys.Answer("nps", "sam", 10)),
                new Dated<>(acme, Instant.parse("2026-03-06T10:00:00Z"), new Surveys.Answer("csat", "sam", 5)),
                new Dated<>(acme, Instant.parse("2026-03-07T10:00:00Z"), new Surveys.Answer("csat", "sam", 2)));
        SurveyFigures figures = Surveys.figures(answers);
        assertThat(figures.nps()).isEqualTo(new NetPromoterScore(2, 2, 0, 0, new BigDecimal("100.0")));
        assertThat(figures.csat()).isEqualTo(new CustomerSatisfaction(2, 1, new BigDecimal("50.0")));
    }
}
