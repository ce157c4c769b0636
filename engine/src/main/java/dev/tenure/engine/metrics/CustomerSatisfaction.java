package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.util.Collection;

/** CSAT: the share of answers (1–5) that are 4 or 5, in percent with one decimal; null without answers. */
public record CustomerSatisfaction(int responses, int satisfied, BigDecimal csat) {

    public static CustomerSatisfaction of(Collection<Integer> scores) {
        int satisfied = (int) scores.stream().filter(s -> s >= 4).count();
        return new CustomerSatisfaction(scores.size(), satisfied, Ratios.percent(satisfied, scores.size()));
    }
}
