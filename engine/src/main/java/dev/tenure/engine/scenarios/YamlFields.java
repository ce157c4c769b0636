package dev.tenure.engine.scenarios;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the fields of one YAML map in a scenario file and adds a problem, with the line, for every
 * field that is unknown, missing or wrong, so an author learns of all mistakes at once. A reader returns
 * null (or the default) for a field it could not read.
 */
final class YamlFields {

    private final String file;
    private final String where;
    private final YamlNode node;
    private final List<ScenarioProblem> problems;

    /** {@code where} names the map in messages ("account", "signal 3 (usage)"); unknown keys are reported now. */
    YamlFields(String file, String where, YamlNode node, List<String> known, List<ScenarioProblem> problems) {
        this.file = file;
        this.where = where;
        this.node = node;
        this.problems = problems;
        for (YamlNode.Field f : node.fields().values()) {
            if (!known.contains(f.name())) {
                problems.add(new ScenarioProblem(file, f.line(), prefix() + "unknown field '" + f.name() + "' (known: "
                        + String.join(", ", known) + ")"));
            }
        }
    }

    boolean has(String name) {
        YamlNode.Field f = node.fields().get(name);
        return f != null && !f.value().isNull();
    }

    YamlNode node(String name) {
        YamlNode.Field f = node.fields().get(name);
        return f == null ? null : f.value();
    }

    /** The line of a field's key, or of the map when the field is absent. */
    int line(String name) {
        YamlNode.Field f = node.fields().get(name);
        return f == null ? node.line() : f.line();
    }

    String text(String name) {
        YamlNode value = node(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isScalar()) {
            fail(name, "is " + value.shown() + ", not a single value");
            return null;
        }
        String text = value.text().trim();
        return text.isEmpty() ? null : text;
    }

    String requiredText(String name) {
        String text = text(name);
        if (text == null && !has(name)) {
            fail(name, "is missing");
        }
        return text;
    }

    /** Case, spaces and dashes are forgiven: "high touch" is HIGH_TOUCH. */
    <E extends Enum<E>> E enumValue(String name, Class<E> type, E absent, boolean required) {
        String text = required ? requiredText(name) : text(name);
        if (text == null) {
            return absent;
        }
        String wanted = text.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        fail(name, "'" + text + "' is not one of " + names(type));
        return absent;
    }

    Moment moment(String name, boolean required) {
        String text = required ? requiredText(name) : text(name);
        if (text == null) {
            return null;
        }
        try {
            return Moment.parse(text);
        } catch (IllegalArgumentException e) {
            fail(name, e.getMessage());
            return null;
        }
    }

    Long whole(String name, long min, long max, Long absent, boolean required) {
        String text = required ? requiredText(name) : text(name);
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        fail(name, "'" + text + "' is not a whole number from " + min + " to " + max);
        return absent;
    }

    /** An IANA time zone id, as written. */
    String zone(String name) {
        String text = text(name);
        if (text != null) {
            try {
                ZoneId.of(text);
            } catch (DateTimeException e) {
                fail(name, "'" + text + "' is not a time zone (e.g. Europe/Paris)");
                return null;
            }
        }
        return text;
    }

    BigDecimal number(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            fail(name, "'" + text + "' is not a number");
            return null;
        }
    }

    boolean bool(String name, boolean absent) {
        String text = text(name);
        if (text == null) {
            return absent;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) {
            return false;
        }
        fail(name, "'" + text + "' is not true or false");
        return absent;
    }

    void fail(String name, String message) {
        problems.add(new ScenarioProblem(file, line(name), prefix() + name + ": " + message));
    }

    private String prefix() {
        return where.isEmpty() ? "" : where + ": ";
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
