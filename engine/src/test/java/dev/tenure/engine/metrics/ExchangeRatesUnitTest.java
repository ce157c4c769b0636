package dev.tenure.engine.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeRatesUnitTest {

    ExchangeRates rates = new ExchangeRates("usd", Map.of("eur", new BigDecimal("1.10")));

    @Test
    void an_amount_in_a_currency_with_a_rate_is_converted_to_the_reporting_currency() {
        assertThat(rates.convert(new BigDecimal("100"), "EUR")).contains(new BigDecimal("110.00"));
        assertThat(rates.convert(new BigDecimal("99.99"), "USD")).contains(new BigDecimal("99.99"));
    }

    @Test
    void an_amount_in_a_currency_without_a_rate_is_not_taken_as_the_reporting_currency() {
        assertThat(rates.convert(new BigDecimal("100"), "GBP")).isEmpty();
    }
}
