package dev.tenure.engine.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MRR movements and retention over a row's period, and retention over the twelve months that end where
 * the row ends.
 */
public record RevenueFigures(MrrMovements movements, RetentionRates rates, RetentionRates trailingTwelveMonths)
        implements Figures {

    static RevenueFigures of(MrrMovements movements, MrrMovements trailing) {
        return new RevenueFigures(movements, RetentionRates.of(movements), RetentionRates.of(trailing));
    }

    @Override
    public Map<String, Object> named() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("starting_mrr", movements.startingMrr());
        named.put("new_mrr", movements.newMrr());
        named.put("reactivation_mrr", movements.reactivation());
        named.put("expansion_mrr", movements.expansion());
        named.put("contraction_mrr", movements.contraction());
        named.put("churned_mrr", movements.churn());
        named.put("ending_mrr", movements.endingMrr());
        named.put("accounts_at_start", movements.accountsAtStart());
        named.put("accounts_churned", movements.accountsChurned());
        named.put("nrr_pct", rates.nrr());
        named.put("grr_pct", rates.grr());
        named.put("logo_churn_rate_pct", rates.logoChurnRate());
        named.put("revenue_churn_rate_pct", rates.revenueChurnRate());
        named.put("nrr_trailing_12_months_pct", trailingTwelveMonths.nrr());
        named.put("grr_trailing_12_months_pct", trailingTwelveMonths.grr());
        return named;
    }
}
