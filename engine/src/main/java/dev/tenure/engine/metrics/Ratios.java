package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares as percentages with one decimal; nothing to divide by gives null ("n/a"), never 0% or an error. */
final class Ratios {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratios() {
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(long part, long whole) {
        return percent(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }
}
