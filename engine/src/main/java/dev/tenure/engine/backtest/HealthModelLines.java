package dev.tenure.engine.backtest;

import dev.tenure.engine.yaml.YamlNumbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and edits numbers of {@code health.yml} line by line, so its comments and layout stay as written:
 * a band's bottom under {@code bands:}, or a parameter of the component item {@code - name: <component>}.
 * A component's weight moves the other weights in proportion, so they add up to what they did (100, or 1).
 */
final class HealthModelLines {

    static final String FILE = "health.yml";
    private static final Pattern TOP = Pattern.compile("^(\\S[^:#]*):.*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)-\\s*name:\\s*[\"']?([^\"'#\\s]+)[\"']?\\s*(#.*)?$");

    private HealthModelLines() {
    }

    static double current(String text, Knob.HealthNumber knob) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        return value(lines, line(lines, knob), key(knob));
    }

    /**
     * The numbers the knob sets: the file, each line (from 1) and key. A weight sets every component's weight, the
     * others moving in proportion, so two weight knobs would move each other's numbers.
     */
    static Set<String> numbers(String text, Knob.HealthNumber knob) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        Set<String> numbers = new LinkedHashSet<>();
        numbers.add(FILE + ":" + (line(lines, knob) + 1) + ": " + key(knob));
        if (knob.band() == null && knob.parameter().equals("weight")) {
            for (String component : components(lines)) {
                numbers.add(FILE + ":" + (itemLine(lines, component, "weight") + 1) + ": weight");
            }
        }
        return numbers;
    }

    static String set(String text, Knob.HealthNumber knob, double value) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int at = line(lines, knob);
        if (knob.band() == null && knob.parameter().equals("weight")) {
            List<Integer> weights = new ArrayList<>();
            for (String component : components(lines)) {
                weights.add(itemLine(lines, component, "weight"));
            }
            double total = 0;
            double others = 0;
            for (int w : weights) {
                total += value(lines, w, "weight");
                others += w == at ? 0 : value(lines, w, "weight");
            }
            double left = total - value;
            if (left <= 0 || others <= 0) {
                throw new IllegalArgumentException("a weight of " + RuleSetEdits.number(value) + " for " + knob.component()
                        + " leaves nothing for the other components (the weights add up to " + RuleSetEdits.number(total) + ")");
            }
            double unit = total >= 2 ? 1 : 0.001;
            int largest = -1;
            double written = value;
            for (int w : weights) {
                if (w == at) {
                    continue;
                }
                double scaled = Math.round(value(lines, w, "weight") * left / others / unit) * unit;
                replace(lines, w, "weight", scaled);
                written += scaled;
                if (largest < 0 || value(lines, w, "weight") > value(lines, largest, "weight")) {
                    largest = w;
                }
            }
            replace(lines, largest, "weight", Math.round((value(lines, largest, "weight") + total - written) / unit) * unit);
        }
        replace(lines, at, key(knob), value);
        return String.join(text.contains("\r\n") ? "\r\n" : "\n", lines);
    }

    private static String key(Knob.HealthNumber knob) {
        return knob.band() != null ? knob.band() : knob.parameter();
    }

    private static int line(String[] lines, Knob.HealthNumber knob) {
        if (knob.band() != null) {
            int bands = topLine(lines, "bands");
            for (int i = bands + 1; i < lines.length && !TOP.matcher(lines[i]).matches(); i++) {
                if (keyMatcher(lines[i], knob.band()).matches()) {
                    return i;
                }
            }
            throw new IllegalArgumentException(FILE + " has no band '" + knob.band() + "' under bands:");
        }
        return itemLine(lines, knob.component(), knob.parameter());
    }

    private static int topLine(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TOP.matcher(lines[i]);
            if (m.matches() && m.group(1).strip().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(FILE + " has no " + key + ":");
    }

    private static List<String> components(String[] lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ITEM.matcher(line.stripTrailing());
            if (m.matches()) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** The line of {@code key} in the item {@code - name: component}. */
    private static int itemLine(String[] lines, String component, String key) {
        for (int i = 0; i < lines.length; i++) {
            Matcher item = ITEM.matcher(lines[i].stripTrailing());
            if (!item.matches() || !item.group(2).equals(component)) {
                continue;
            }
            int indent = item.group(1).length();
            for (int j = i + 1; j < lines.length; j++) {
                String line = lines[j];
                String content = line.strip();
                if (!content.isEmpty() && !content.startsWith("#") && line.length() - line.stripLeading().length() <= indent) {
                    break;
                }
                if (keyMatcher(line, key).matches()) {
                    return j;
                }
            }
            throw new IllegalArgumentException(FILE + ": component " + component + " does not set " + key
                    + "; write it out in " + FILE + " first to tune it");
        }
        throw new IllegalArgumentException(FILE + " has no component '" + component + "'; its components: "
                + String.join(", ", components(lines)));
    }

    private static Matcher keyMatcher(String line, String key) {
        return Pattern.compile("^(\\s*" + Pattern.quote(key) + ":\\s*)([^\\s#]+)(.*)$").matcher(line);
    }

    private static double value(String[] lines, int line, String key) {
        Matcher m = keyMatcher(lines[line], key);
        if (!m.matches()) {
            throw new IllegalArgumentException(FILE + ":" + (line + 1) + ": no value for " + key);
        }
        // Read as the health model reads it, so a tuning starts from the number the model scores with.
        if (!YamlNumbers.isDecimal(m.group(2))) {
            throw new IllegalArgumentException(FILE + ":" + (line + 1) + ": " + key + " '" + m.group(2) + "' is not a number");
        }
        return Double.parseDouble(m.group(2));
    }

    private static void replace(String[] lines, int line, String key, double value) {
        Matcher m = keyMatcher(lines[line], key);
        if (!m.matches()) {
            throw new IllegalArgumentException(FILE + ":" + (line + 1) + ": no value for " + key);
        }
        String written = RuleSetEdits.number(value);
        String rest = m.group(3);
        // Keep a trailing comment where it was when the number gets shorter or longer.
        int pad = m.group(2).length() - written.length();
        if (rest.startsWith(" ") && rest.strip().startsWith("#")) {
            rest = " ".repeat(Math.max(1, rest.length() - rest.stripLeading().length() + pad)) + rest.stripLeading();
        }
        lines[line] = m.group(1) + written + rest;
    }
}
