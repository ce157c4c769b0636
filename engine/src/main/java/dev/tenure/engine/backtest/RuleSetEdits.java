package dev.tenure.engine.backtest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers for editing rule set files as text: one file replaced, numbers written as a person would. */
final class RuleSetEdits {

    private RuleSetEdits() {
    }

    static Map<String, String> with(Map<String, String> files, String path, String content) {
        Map<String, String> changed = new TreeMap<>(files);
        changed.put(path, content);
        return changed;
    }

    /** 40 rather than 40.0; 0.25 as it is. */
    static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    /** The files that differ between two rule sets, as the second has them, in path order. */
    static Map<String, String> changed(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changed = new LinkedHashMap<>();
        new TreeMap<>(after).forEach((path, content) -> {
            if (!content.equals(before.get(path))) {
                changed.put(path, content);
            }
        });
        return changed;
    }
}
