package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Amounts in the reporting currency, at the configured rates. A currency without a rate gives nothing:
 * it is never added up as if it were the reporting currency.
 */
public record ExchangeRates(String reportingCurrency, Map<String, BigDecimal> rates) {

    public ExchangeRates {
        reportingCurrency = reportingCurrency.trim().toUpperCase(Locale.ROOT);
        rates = rates.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().trim().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    static ExchangeRates of(MetricsProperties properties) {
        return new ExchangeRates(properties.currency(), properties.rates());
    }

    public Optional<BigDecimal> convert(BigDecimal amount, String currency) {
        String code = currency == null ? reportingCurrency : currency.trim().toUpperCase(Locale.ROOT);
        BigDecimal rate = code.equals(reportingCurrency) ? BigDecimal.ONE : rates.get(code);
        return rate == null ? Optional.empty() : Optional.of(amount.multiply(rate).setScale(2, RoundingMode.HALF_UP));
    }
}
