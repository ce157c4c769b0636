package dev.tenure.engine.metrics;

import java.math.BigDecimal;

/**
 * Retention and churn over one period, in percent with one decimal; each is null ("n/a") when nobody
 * paid at the period's start, since there is nothing to retain. New and reactivated MRR count in
 * neither NRR nor GRR.
 *
 * @param nrr              net revenue retention: (starting + expansion − contraction − churn) / starting
 * @param grr              gross revenue retention: (starting − contraction − churn) / starting
 * @param logoChurnRate    accounts that churned / accounts paying at the start
 * @param revenueChurnRate churned MRR / starting MRR
 */
public record RetentionRates(BigDecimal nrr, BigDecimal grr, BigDecimal logoChurnRate, BigDecimal revenueChurnRate) {

    public static RetentionRates of(MrrMovements m) {
        BigDecimal starting = m.startingMrr();
        BigDecimal kept = starting.subtract(m.contraction()).subtract(m.churn());
        return new RetentionRates(Ratios.percent(kept.add(m.expansion()), starting), Ratios.percent(kept, starting),
                Ratios.percent(m.accountsChurned(), m.accountsAtStart()), Ratios.percent(m.churn(), starting));
    }
}
