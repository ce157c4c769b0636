package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * Net promoter score: % promoters (9–10) − % detractors (0–6), from −100 to 100, with one decimal; null
 * without answers.
 */
public record NetPromoterScore(int responses, int promoters, int passives, int detractors, BigDecimal nps) {

    public static NetPromoterScore of(Collection<Integer> scores) {
        int promoters = (int) scores.stream().filter(s -> s >= 9).count();
        int detractors = (int) scores.stream().filter(s -> s <= 6).count();
        return new NetPromoterScore(scores.size(), promoters, scores.size() - promoters - detractors, detractors,
                Ratios.percent(promoters - detractors, scores.size()));
    }
}
