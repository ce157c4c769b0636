package dev.tenure.engine.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One setting the tuner may move, as CS ops allowed it in the tuning file: a cell (or a set of cells given
 * one value) of a decision table, or a number in the health model, between {@code min} and {@code max} in
 * steps of {@code step}.
 */
public sealed interface Knob permits Knob.TableCells, Knob.HealthNumber {

    /** The most values one knob may take, so a typo in a step cannot ask for millions of replays. */
    int MAX_VALUES = 100;

    /** How the knob is named in reports. */
    String label();

    /** The line of the tuning file that declares it. */
    int line();

    Range range();

    /** Its value in these rule set files (path to content); an {@link IllegalArgumentException} says why it cannot be read. */
    double current(Map<String, String> files);

    /** The files with the knob set to {@code value}; the others are the same objects. */
    Map<String, String> apply(Map<String, String> files, double value);

    /**
     * The numbers it sets in these files, each as file, line and place on the line: two knobs that share one would
     * undo each other's moves, the later one winning, while both are reported as tuned.
     */
    Set<String> numbers(Map<String, String> files);

    /**
     * The values from min to max, in steps. Each of the three lies within {@link #LIMIT} and has at most
     * {@link #DECIMALS} decimals: a knob is a threshold or a health number, and the bounds keep the arithmetic on
     * them small whatever the file says (a BigDecimal of {@code 1e10000000} is cheap to hold and very slow to
     * divide) and every value within the 15 digits a double holds.
     */
    record Range(BigDecimal min, BigDecimal max, BigDecimal step) {

        public static final BigDecimal LIMIT = BigDecimal.valueOf(1_000_000_000);
        public static final int DECIMALS = 6;

        public Range {
            if (!fits(min) || !fits(max) || !fits(step)) {
                throw new IllegalArgumentException("a range's numbers lie between -" + LIMIT + " and " + LIMIT + ", with at most "
                        + DECIMALS + " decimals: " + min + ", " + max + ", " + step);
            }
            if (max.compareTo(min) < 0 || step.signum() <= 0) {
                throw new IllegalArgumentException("a range goes up from min to max in steps above 0: " + min + ", " + max + ", " + step);
            }
        }

        /**
         * Whether a number may bound or step a range. The magnitude is compared first, which costs nothing whatever
         * the exponent; trailing zeros are stripped only from a number of at most 40 digits (stripping a million
         * takes minutes), so {@code 50.000...} with more zeros than that is refused.
         */
        public static boolean fits(BigDecimal number) {
            return number.abs().compareTo(LIMIT) <= 0 && (number.scale() <= DECIMALS
                    || number.precision() <= 40 && number.stripTrailingZeros().scale() <= DECIMALS);
        }

        public List<Double> values() {
            List<Double> values = new ArrayList<>();
            for (BigDecimal v = min; v.compareTo(max) <= 0 && values.size() < MAX_VALUES; v = v.add(step)) {
                values.add(v.doubleValue());
            }
            return values;
        }

        /** How many values min to max holds; up to 2 * 10^15 within the bounds, so counted in a long. */
        public long count() {
            return max.subtract(min).divideToIntegralValue(step).longValueExact() + 1;
        }
    }

    /**
     * Cells of a decision table: the column whose title starts with {@code column}, in the rows that have a cell
     * equal to one of {@code rows} (every row when empty), all set to the same value. A cell may hold several
     * comma-separated values ({@code $1}, {@code $2} of the column's code): {@code parameter} is which (from 1);
     * 0 for a cell of one value.
     */
    record TableCells(String label, int line, String file, String table, String column, int parameter, List<String> rows,
                      Range range) implements Knob {

        @Override
        public double current(Map<String, String> files) {
            return DecisionTableCells.current(text(files), this);
        }

        @Override
        public Map<String, String> apply(Map<String, String> files, double value) {
            return RuleSetEdits.with(files, file, DecisionTableCells.set(text(files), this, value));
        }

        @Override
        public Set<String> numbers(Map<String, String> files) {
            return DecisionTableCells.numbers(text(files), this);
        }

        private String text(Map<String, String> files) {
            String text = files.get(file);
            if (text == null) {
                throw new IllegalArgumentException("the rule set has no file " + file);
            }
            return text;
        }
    }

    /**
     * A number of the health model ({@code health.yml}): a parameter of a component (its {@code weight} too:
     * the other components' weights then change in proportion so they still add up), or a band's bottom.
     */
    record HealthNumber(String label, int line, String component, String parameter, String band, Range range) implements Knob {

        @Override
        public double current(Map<String, String> files) {
            return HealthModelLines.current(text(files), this);
        }

        @Override
        public Map<String, String> apply(Map<String, String> files, double value) {
            return RuleSetEdits.with(files, HealthModelLines.FILE, HealthModelLines.set(text(files), this, value));
        }

        @Override
        public Set<String> numbers(Map<String, String> files) {
            return HealthModelLines.numbers(text(files), this);
        }

        private static String text(Map<String, String> files) {
            String text = files.get(HealthModelLines.FILE);
            if (text == null) {
                throw new IllegalArgumentException("the rule set has no " + HealthModelLines.FILE);
            }
            return text;
        }
    }
}
