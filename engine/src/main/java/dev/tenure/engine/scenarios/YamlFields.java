package dev.tenure.engine.scenarios;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.yaml.YamlNumbers;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the fields of one YAML map in a scenario file and adds a problem, with the line, for every
 * field that is unknown, missing or wrong, so an author learns of all mistakes at once. A reader returns
 * null (or the default) for a field it could not read. A scenario stands for records the intake would take,
 * so its values are held to the intake's bounds ({@link RecordBounds}): what a source may not send, a
 * scenario may not give either, and a value out of them is told here rather than met by a rule or by
 * arithmetic. Every value a problem repeats is {@link RecordBounds#shown shown} as the intake shows it.
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
                problems.add(new ScenarioProblem(file, f.line(), prefix() + "unknown field '" + shown(f.name()) + "' (known: "
                        + String.join(", ", known) + ")"));
            }
        }
    }

    /** Whether the field holds something: a text of only spaces is as good as none, as {@link #text(String)} reads it. */
    boolean has(String name) {
        YamlNode.Field f = node.fields().get(name);
        return f != null && !f.value().isNull() && !(f.value().isScalar() && f.value().text().isBlank());
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

    /**
     * A text that becomes the field {@code field} of a {@code record} (an {@code Account}, a {@code Contact}, a
     * signal's record type): bounded as the intake bounds that field.
     */
    String text(String name, Class<?> record, String field) {
        String text = text(name);
        return bounded(name, text, RecordBounds.textProblem(record, field, text));
    }

    /** As {@link #text(String, Class, String)}, and missing is a problem. */
    String requiredText(String name, Class<?> record, String field) {
        String text = requiredText(name);
        return bounded(name, text, RecordBounds.textProblem(record, field, text));
    }

    private <T> T bounded(String name, T value, String problem) {
        if (problem == null) {
            return value;
        }
        fail(name, problem);
        return null;
    }

    /**
     * A text that must be given: absent is missing, and so is one given empty ({@code segment: ''}, {@code at: }),
     * which would otherwise be read as given and run as nothing. A list or a map is told by {@link #text(String)}.
     */
    String requiredText(String name) {
        String text = text(name);
        if (text == null) {
            YamlNode value = node(name);
            if (value == null) {
                fail(name, "is missing");
            } else if (value.isNull() || value.isScalar()) {
                fail(name, "is empty");
            }
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
        fail(name, "'" + shown(text) + "' is not one of " + names(type));
        return absent;
    }

    /** When a signal happened (or a play started, a milestone was reached): a date or instant is one the intake takes. */
    Moment moment(String name, boolean required) {
        Moment moment = parsed(name, required);
        return moment == null || moment.absolute() == null ? moment
                : bounded(name, moment, RecordBounds.instantProblem(text(name), moment.absolute()));
    }

    /** A contract date (startedOn, renewalOn): a date or instant is one the intake takes for an account. */
    Moment day(String name) {
        Moment moment = parsed(name, false);
        return moment == null || moment.absolute() == null ? moment
                : bounded(name, moment, RecordBounds.dateProblem(LocalDate.ofInstant(moment.absolute(), ZoneOffset.UTC)));
    }

    private Moment parsed(String name, boolean required) {
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
        // The one grammar of a rule set's numbers: no leading zero (octal to YAML 1.1), no digits of other scripts.
        if (YamlNumbers.isDecimal(text)) {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // a fraction, an exponent or too many digits: reported below, with the range
            }
        }
        fail(name, "'" + shown(text) + "' is not a whole number from " + min + " to " + max);
        return absent;
    }

    /** An IANA time zone id, as written: the {@code timezone} of a {@code record} (an Account or a Contact). */
    String zone(String name, Class<?> record) {
        String text = text(name, record, "timezone");
        if (text != null) {
            try {
                ZoneId.of(text);
            } catch (DateTimeException e) {
                fail(name, "'" + shown(text) + "' is not a time zone (e.g. Europe/Paris)");
                return null;
            }
        }
        return text;
    }

    /**
     * An amount of money (ARR, a billing amount), within the intake's bounds: beyond them, arithmetic on it is
     * slow ({@code 1e300000000 - 100.50} takes minutes) or impossible ({@code 1e999999999}).
     */
    BigDecimal amount(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        // A number is read only when it could be one: parsing a megabyte of digits takes seconds.
        if (text.length() > RecordBounds.NUMBER_LENGTH) {
            fail(name, "'" + shown(text) + "' is not a number of at most " + RecordBounds.NUMBER_LENGTH + " characters");
            return null;
        }
        BigDecimal amount;
        try {
            if (!YamlNumbers.isDecimal(text)) {
                throw new NumberFormatException(text);
            }
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            fail(name, "'" + shown(text) + "' is not a number");
            return null;
        }
        return bounded(name, amount, RecordBounds.amountProblem(amount));
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
        fail(name, "'" + shown(text) + "' is not true or false");
        return absent;
    }

    void fail(String name, String message) {
        problems.add(new ScenarioProblem(file, line(name), prefix() + name + ": " + message));
    }

    private String prefix() {
        return where.isEmpty() ? "" : where + ": ";
    }

    /** A value as a problem repeats it: a long one cut, control characters written out, as the intake does. */
    static String shown(String value) {
        return RecordBounds.shown(value);
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
