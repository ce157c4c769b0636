package dev.tenure.engine.yaml;

import java.util.regex.Pattern;

/**
 * The one grammar of a number a person writes in a rule set's YAML ({@code health.yml}, {@code churn/tuning.yml}):
 * decimal digits with an optional sign, point and exponent ({@code 55}, {@code -0.5}, {@code 1e3}), as
 * {@code BigDecimal} reads them, without a leading zero before another digit. Java's {@code Double.parseDouble} also
 * takes a type suffix ({@code 55d}, {@code 75f}), a hex float ({@code 0x1p3}), {@code NaN} and {@code Infinity}, and
 * YAML 1.1 (Jackson) hex, octal, binary and underscores ({@code 0x46}, {@code 010} as 8, {@code 0b11}, {@code 1_000}):
 * an author who wrote one of those would get a number other than the one meant, or one no other reader of the file
 * takes, so such a text is no number.
 */
public final class YamlNumbers {

    /** Possessive: a million digits never backtrack. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?+((0|[1-9]\\d*+)(\\.\\d*+)?+|\\.\\d++)([eE][-+]?+\\d++)?+");

    private YamlNumbers() {
    }

    /** Whether {@code written} (as written, without surrounding blanks) is a number in decimals. */
    public static boolean isDecimal(String written) {
        return written != null && DECIMAL.matcher(written).matches();
    }
}
