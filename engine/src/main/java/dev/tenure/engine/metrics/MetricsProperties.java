package dev.tenure.engine.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Map;

/**
 * CS metrics settings ({@code tenure.metrics.*}).
 *
 * @param currency the reporting currency every amount is converted to
 * @param rates    per other currency, what one unit of it is worth in the reporting currency
 *                 ({@code EUR: 1.08}); an account with MRR in a currency not named here is left out of
 *                 the revenue figures, and the report says so
 * @param qbrPlay  the play whose tasks are the QBRs counted by the QBR completion rate
 * @param fewAnswers an NPS or CSAT from fewer answers than this is marked "few answers" on the pages: one
 *                 detractor of two answers is an NPS of −100 that says little
 */
@ConfigurationProperties("tenure.metrics")
public record MetricsProperties(@DefaultValue("USD") String currency,
                                Map<String, BigDecimal> rates,
                                @DefaultValue("qbr") String qbrPlay,
                                @DefaultValue("10") int fewAnswers) {

    public MetricsProperties {
        rates = rates == null ? Map.of() : Map.copyOf(rates);
        if (fewAnswers < 1) {
            throw new IllegalArgumentException("tenure.metrics.few-answers: " + fewAnswers + " is not a number of answers (1 or more)");
        }
    }
}
