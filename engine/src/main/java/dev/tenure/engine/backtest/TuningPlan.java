package dev.tenure.engine.backtest;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.scenarios.YamlNode;
import dev.tenure.engine.yaml.UnreadableYaml;
import dev.tenure.engine.yaml.YamlNumbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the tuner may change and what it aims at, read from the tuning file ({@code rules/churn/tuning.yml}):
 * decision table cells and health model numbers, each with the range CS ops allow, and the goal a setting must
 * meet. Every problem names the file and line.
 *
 * @param knobs the settings that may move
 * @param goal  what a setting must reach to be offered first
 */
public record TuningPlan(List<Knob> knobs, Goal goal) {

    /** Where the tuning file is, under the rules folder. */
    public static final String FILE = "churn/tuning.yml";
    /** Where the tables are unless a knob names its file. */
    static final String TABLES = "churn/thresholds.csv";

    /**
     * A setting meets the goal when the churn rules together reach at least {@code minRecall} with a median lead
     * of at least {@code minMedianLeadDays}, and (when given) health's POOR band cancels at least
     * {@code minHealthRatio} times as often as its GOOD band, and (when given) their precision is at least
     * {@code minPrecision}. Among those that meet it, the higher precision wins; among those that do not, the one
     * that falls least short (so with a {@code minPrecision}, recall is not bought with alerts nobody reads).
     */
    public record Goal(double minRecall, double minMedianLeadDays, Double minHealthRatio, Double minPrecision) {
    }

    /** Reads a tuning file; an {@link InvalidTuningException} lists every problem at its line. */
    public static TuningPlan parse(String file, String text) {
        YamlNode root;
        try {
            root = YamlNode.parse(text);
        } catch (UnreadableYaml e) {
            throw new InvalidTuningException(List.of(file + ":" + e.line() + ": not readable as YAML: " + e.reason()));
        }
        Reader reader = new Reader(file, new ArrayList<>());
        if (!root.isMap()) {
            throw new InvalidTuningException(List.of(file + ":" + root.line() + ": a tuning file is a map with goal, thresholds and health"));
        }
        Map<String, YamlNode.Field> top = reader.fields(root, Set.of("goal", "thresholds", "health"), "the tuning file");
        Goal goal = reader.goal(top.get("goal"), root.line());
        List<Knob> knobs = new ArrayList<>();
        YamlNode.Field thresholds = top.get("thresholds");
        if (thresholds != null) {
            for (YamlNode item : reader.list(thresholds)) {
                knobs.add(reader.cells(item));
            }
        }
        YamlNode.Field health = top.get("health");
        if (health != null) {
            for (YamlNode item : reader.list(health)) {
                knobs.add(reader.health(item));
            }
        }
        // A report shows each knob's value by its name, so two of one name would show one value for both.
        Map<String, Integer> named = new HashMap<>();
        for (Knob knob : knobs) {
            if (knob != null) {
                Integer first = named.putIfAbsent(knob.label(), knob.line());
                if (first != null) {
                    reader.problem(knob.line(), "the knob at line " + first + " is named '" + RecordBounds.shown(knob.label())
                            + "' too: give each knob a name of its own (name:), and each number one knob");
                }
            }
        }
        if (knobs.stream().noneMatch(k -> k != null) && reader.problems().isEmpty()) {
            reader.problem(root.line(), "nothing to tune: list knobs under thresholds or health");
        }
        if (!reader.problems().isEmpty()) {
            throw new InvalidTuningException(reader.problems());
        }
        return new TuningPlan(List.copyOf(knobs), goal);
    }

    /**
     * Checks each knob against the rule set it will edit (the table, column, rows, component exist and hold a
     * number), so a wrong name is told at its line before any replay.
     */
    public void check(String file, Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        // Names differ, the number may not: the knobs would be applied one after the other and the later one win.
        Map<String, Knob> setBy = new HashMap<>();
        for (Knob knob : knobs) {
            try {
                knob.current(files);
                for (String number : knob.numbers(files)) {
                    Knob first = setBy.putIfAbsent(number, knob);
                    if (first != null) {
                        problems.add(file + ":" + knob.line() + ": the knob at line " + first.line() + " ('"
                                + RecordBounds.shown(first.label()) + "') sets " + number + " too: each number one knob");
                        break;
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(file + ":" + knob.line() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTuningException(problems);
        }
    }

    private record Reader(String file, List<String> problems) {

        void problem(int line, String message) {
            problems.add(file + ":" + line + ": " + message);
        }

        Map<String, YamlNode.Field> fields(YamlNode map, Set<String> allowed, String what) {
            for (YamlNode.Field f : map.fields().values()) {
                if (!allowed.contains(f.name())) {
                    problem(f.line(), what + ": '" + RecordBounds.shown(f.name()) + "' is not a field here; use " + String.join(", ", new TreeSet<>(allowed)));
                }
            }
            return map.fields();
        }

        List<YamlNode> list(YamlNode.Field field) {
            if (!field.value().isList()) {
                problem(field.line(), field.name() + " must be a list of knobs (each line starting with '- ')");
                return List.of();
            }
            return field.value().items();
        }

        Goal goal(YamlNode.Field goal, int fileLine) {
            if (goal == null) {
                return new Goal(0.9, 21, null, null);
            }
            if (!goal.value().isMap()) {
                problem(goal.line(), "goal must be a map: goal: { minRecall: 0.9, minMedianLeadDays: 21 }");
                return null;
            }
            Map<String, YamlNode.Field> f = fields(goal.value(), Set.of("minRecall", "minMedianLeadDays", "minHealthRatio", "minPrecision"), "goal");
            BigDecimal recall = number(f.get("minRecall"), "goal.minRecall", goal.line(), "0.9", BigDecimal.ZERO, BigDecimal.ONE);
            BigDecimal lead = number(f.get("minMedianLeadDays"), "goal.minMedianLeadDays", goal.line(), "21", BigDecimal.ZERO,
                    BigDecimal.valueOf(365));
            BigDecimal ratio = f.containsKey("minHealthRatio")
                    ? number(f.get("minHealthRatio"), "goal.minHealthRatio", goal.line(), null, BigDecimal.ONE, BigDecimal.valueOf(100))
                    : null;
            BigDecimal precision = f.containsKey("minPrecision")
                    ? number(f.get("minPrecision"), "goal.minPrecision", goal.line(), null, BigDecimal.ZERO, BigDecimal.ONE)
                    : null;
            return recall == null || lead == null ? null
                    : new Goal(recall.doubleValue(), lead.doubleValue(), ratio == null ? null : ratio.doubleValue(),
                    precision == null ? null : precision.doubleValue());
        }

        Knob cells(YamlNode item) {
            if (!item.isMap()) {
                problem(item.line(), "a threshold knob is a map: table, column, rows (optional), min, max, step");
                return null;
            }
            Map<String, YamlNode.Field> f = fields(item, Set.of("name", "file", "table", "column", "parameter", "rows", "min", "max",
                    "step"), "a threshold knob");
            String table = text(f.get("table"), "table", item.line());
            String column = text(f.get("column"), "column", item.line());
            String path = f.containsKey("file") ? text(f.get("file"), "file", item.line()) : TABLES;
            List<String> rows = new ArrayList<>();
            YamlNode.Field rowsField = f.get("rows");
            if (rowsField != null && !(rowsField.value().isScalar() && rowsField.value().text().equals("all"))) {
                if (!rowsField.value().isList() || rowsField.value().items().stream().anyMatch(r -> !r.isScalar())) {
                    problem(rowsField.line(), "rows: 'all', or a list of cell values naming the rows, e.g. [HIGH_TOUCH, LOW_TOUCH]");
                } else {
                    for (YamlNode r : rowsField.value().items()) {
                        String row = bounded(rowsField, "rows", r.text().strip(), RecordBounds.idProblem(r.text().strip()));
                        if (row != null) {
                            rows.add(row);
                        }
                    }
                }
            }
            BigDecimal parameter = f.containsKey("parameter")
                    ? number(f.get("parameter"), "parameter", item.line(), null, BigDecimal.ONE, BigDecimal.valueOf(9)) : BigDecimal.ZERO;
            if (parameter != null && parameter.stripTrailingZeros().scale() > 0) {
                problem(f.get("parameter").line(), "parameter: " + parameter.toPlainString() + " is not a whole number");
                parameter = null;
            }
            Knob.Range range = range(f, item.line());
            if (table == null || column == null || path == null || range == null || parameter == null) {
                return null;
            }
            int which = parameter.intValue();
            String label = f.containsKey("name") ? text(f.get("name"), "name", item.line())
                    : table + ": " + column + (which == 0 ? "" : " (value " + which + ")")
                    + (rows.isEmpty() ? "" : " (" + String.join(", ", rows) + ")");
            return new Knob.TableCells(label, item.line(), path, table, column, which, List.copyOf(rows), range);
        }

        Knob health(YamlNode item) {
            if (!item.isMap()) {
                problem(item.line(), "a health knob is a map: component and parameter (or band), min, max, step");
                return null;
            }
            Map<String, YamlNode.Field> f = fields(item, Set.of("name", "component", "parameter", "band", "min", "max", "step"),
                    "a health knob");
            Knob.Range range = range(f, item.line());
            if (f.containsKey("band") == f.containsKey("component")) {
                problem(item.line(), "a health knob names either a component (with its parameter, e.g. weight) or a band (good or average)");
                return null;
            }
            if (f.containsKey("band")) {
                String band = text(f.get("band"), "band", item.line());
                if (band != null && !band.equals("good") && !band.equals("average")) {
                    problem(f.get("band").line(), "band: '" + band + "' is not a band; use good or average");
                    return null;
                }
                return band == null || range == null ? null : new Knob.HealthNumber(label(f, "health band " + band, item),
                        item.line(), null, null, band, range);
            }
            String component = text(f.get("component"), "component", item.line());
            String parameter = text(f.get("parameter"), "parameter", item.line());
            return component == null || parameter == null || range == null ? null
                    : new Knob.HealthNumber(label(f, "health " + component + " " + parameter, item), item.line(), component,
                    parameter, null, range);
        }

        private String label(Map<String, YamlNode.Field> f, String otherwise, YamlNode item) {
            return f.containsKey("name") ? text(f.get("name"), "name", item.line()) : otherwise;
        }

        private Knob.Range range(Map<String, YamlNode.Field> f, int line) {
            BigDecimal min = number(f.get("min"), "min", line, null, null, null);
            BigDecimal max = number(f.get("max"), "max", line, null, null, null);
            BigDecimal step = number(f.get("step"), "step", line, null, null, null);
            if (min == null || max == null || step == null) {
                return null;
            }
            if (max.compareTo(min) < 0) {
                problem(f.get("max").line(), "max " + max.toPlainString() + " is below min " + min.toPlainString());
                return null;
            }
            if (step.signum() <= 0) {
                problem(f.get("step").line(), "step must be above 0");
                return null;
            }
            Knob.Range range = new Knob.Range(min, max, step);
            long count = range.count();
            if (count > Knob.MAX_VALUES) {
                problem(f.get("step").line(), "min to max in steps of " + step.toPlainString() + " is " + count
                        + " values; at most " + Knob.MAX_VALUES + " (take a larger step)");
                return null;
            }
            return range;
        }

        private String text(YamlNode.Field field, String name, int line) {
            if (field == null) {
                problem(line, name + " is required");
                return null;
            }
            if (!field.value().isScalar() || field.value().text().isBlank()) {
                problem(field.line(), name + " must be a text, not " + field.value().shown());
                return null;
            }
            // Each names a file, table, column, row or component of the rule set, or is a knob's name in the report: no
            // longer than the ids and names the intake takes, on one line.
            String text = field.value().text().strip();
            return bounded(field, name, text, name.equals("name") ? RecordBounds.nameProblem(text) : RecordBounds.idProblem(text));
        }

        private String bounded(YamlNode.Field field, String name, String text, String problem) {
            if (problem == null) {
                return text;
            }
            problem(field.line(), name + ": " + problem);
            return null;
        }

        private BigDecimal number(YamlNode.Field field, String name, int line, String otherwise, BigDecimal low, BigDecimal high) {
            if (field == null) {
                if (otherwise == null) {
                    problem(line, name + " is required");
                    return null;
                }
                return new BigDecimal(otherwise);
            }
            String written = field.value().isScalar() ? field.value().text().strip() : "";
            if (!YamlNumbers.isDecimal(written)) {
                problem(field.line(), name + ": " + field.value().shown() + " is not a number");
                return null;
            }
            BigDecimal value = bounded(written);
            if (value == null) {
                problem(field.line(), name + ": " + (written.length() <= 40 ? written : written.substring(0, 20) + "…")
                        + " is out of range: a tuning number lies between -" + Knob.Range.LIMIT + " and " + Knob.Range.LIMIT
                        + ", with at most " + Knob.Range.DECIMALS + " decimals");
                return null;
            }
            if ((low != null && value.compareTo(low) < 0) || (high != null && value.compareTo(high) > 0)) {
                problem(field.line(), name + ": " + value.toPlainString() + " is not between " + low.toPlainString() + " and "
                        + high.toPlainString());
                return null;
            }
            return value;
        }

        /**
         * The number written, or null when it is out of {@link Knob.Range}'s bounds. Parsing takes time in the square of
         * the digits (a million take 20 s) and no number in bounds needs 40 characters, so a longer one is not parsed.
         */
        private static BigDecimal bounded(String written) {
            if (written.length() > 40) {
                return null;
            }
            try {
                BigDecimal value = new BigDecimal(written);
                return Knob.Range.fits(value) ? value : null;
            } catch (NumberFormatException e) {
                return null; // an exponent beyond an int's range
            }
        }
    }
}
