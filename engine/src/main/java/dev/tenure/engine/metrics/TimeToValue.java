package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * Time to value of a group of accounts: days from the account's start to its {@code FIRST_VALUE}
 * milestone, as the median over the accounts that reached it (of an even count, the mean of the middle
 * two); null when none did yet.
 *
 * @param accounts accounts that started in the period
 * @param reached  of them, those that reached first value
 */
public record TimeToValue(int accounts, int reached, BigDecimal medianDays) implements Figures {

    /** @param days one entry per account that reached first value; null for one that has not (yet) */
    public static TimeToValue of(Collection<Long> days) {
        List<Long> reached = days.stream().filter(java.util.Objects::nonNull).sorted().toList();
        return new TimeToValue(days.size(), reached.size(), median(reached));
    }

    static BigDecimal median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        BigDecimal median = sorted.size() % 2 == 1 ? BigDecimal.valueOf(sorted.get(middle))
                : BigDecimal.valueOf(sorted.get(middle - 1) + sorted.get(middle)).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
        return median.setScale(1, RoundingMode.HALF_UP);
    }

    @Override
    public java.util.Map<String, Object> named() {
        java.util.Map<String, Object> named = new java.util.LinkedHashMap<>();
        named.put("accounts_started", accounts);
        named.put("accounts_reached_first_value", reached);
        named.put("median_days_to_first_value", medianDays);
        return named;
    }
}
