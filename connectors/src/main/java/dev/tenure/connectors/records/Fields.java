package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the fields of one record, JSON values or CSV strings alike, and collects a {@link RecordError}
 * for every field that is missing or wrong, so a sender learns of all its mistakes at once. A reader
 * returns null for a field it could not read; the caller checks {@link #errors()} before using them.
 */
final class Fields {

    private final String label;
    private final JsonNode record;
    private final List<RecordError> errors = new ArrayList<>();
    /** Those of the errors that are about the record around a field, or a lookup, rather than the field's value. */
    private final List<RecordError> refusals = new ArrayList<>();
    private final java.util.Set<String> read = new java.util.TreeSet<>();

    Fields(String label, JsonNode record) {
        this.label = label;
        this.record = record;
    }

    List<RecordError> errors() {
        return errors;
    }

    /** Every field name a mapper asked for, so a setting can be told it names no field of the kind. */
    java.util.Set<String> read() {
        return read;
    }

    /** Text, or null when absent; blank counts as absent, since a CSV cell cannot be null. */
    String text(String name) {
        read.add(name);
        JsonNode node = record.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            fail(name, "'" + shown(node.toString()) + "' is not a single value");
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    String requiredText(String name) {
        String text = text(name);
        if (text == null && !failed(name)) {
            fail(name, "missing" + lookAlike(name));
        }
        return text;
    }

    /**
     * What the record has that reads as the field written another way ({@code ID}, {@code Account_ID},
     * {@code Occurred At}), said with the field it lacks: a sender sees that column in the file and would not
     * otherwise know why the field is missing. Not read as the field: a column of one of our names in another case
     * may hold another system's values (a CRM's own stages).
     */
    private String lookAlike(String name) {
        String loose = loose(name);
        for (var names = record.fieldNames(); names.hasNext(); ) {
            String other = names.next();
            if (!other.equals(name) && loose(other).equals(loose)) {
                return "; the record has '" + shown(other) + "', but names are read as written: write " + name
                        + ", or map " + name + " to that column";
            }
        }
        return "";
    }

    /**
     * A name lowercase (ASCII) and without what parts its words: {@code Account_ID}, {@code account id} are
     * {@code accountid}. Two names alike so are one written two ways: what a record's or a file's names are compared by.
     */
    static String loose(String name) {
        StringBuilder loose = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c != ' ' && c != '_' && c != '-') {
                loose.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return loose.toString();
    }

    String email(String name, boolean required) {
        String text = required ? requiredText(name) : text(name);
        String problem = RecordBounds.emailProblem(text);
        if (problem != null) {
            return fail(name, problem);
        }
        return text;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return enumValue(requiredText(name), name, type);
    }

    <E extends Enum<E>> E enumOr(String name, Class<E> type, E absent) {
        String text = text(name);
        return text == null && !failed(name) ? absent : enumValue(text, name, type);
    }

    /** Tenure's name or, for a ticket's priority and status, a help desk's word, as {@link HelpDeskWords} reads them. */
    private <E extends Enum<E>> E enumValue(String text, String name, Class<E> type) {
        if (text == null) {
            return null;
        }
        E value = HelpDeskWords.of(type, text);
        if (value != null) {
            return value;
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return fail(name, "'" + shown(text) + "' is not one of " + allowed + HelpDeskWords.wordsFor(type));
    }

    LocalDate date(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return fail(name, "'" + shown(text) + "' is not a date (yyyy-MM-dd)");
        }
        // The intake checks it again; here a mapping's constant date is refused at start, naming its setting.
        String outOfBounds = RecordBounds.dateProblem(day);
        return outOfBounds == null ? day : fail(name, outOfBounds);
    }

    /**
     * An instant with a zone or offset, or a bare date meaning its midnight UTC (daily exports), within the moments a
     * signal can have. The intake checks those again, but only here is the field known by the name the sender gave
     * it (a ticket row's openedAt) and the value as sent (seconds since 1970 rather than the year they make).
     */
    Instant requiredInstant(String name) {
        String text = requiredText(name);
        if (text == null) {
            return null;
        }
        Instant at = UtcTimes.parse(text);
        if (at == null) {
            at = ExportTimes.parse(text);
        }
        if (at == null) {
            String digits = ExportTimes.digitsProblem(text);
            return fail(name, digits != null ? digits : "'" + shown(text) + "' is not a time (ISO-8601 like 2026-11-01T10:00:00Z,"
                    + " or yyyy-MM-dd; also 2026-11-01 10:00:00+0100, and seconds or milliseconds since 1970; a time needs its zone)");
        }
        String outOfBounds = RecordBounds.instantProblem(text, at);
        return outOfBounds == null ? at : fail(name, outOfBounds);
    }

    /** A whole number in [min, max]; {@code absent} when missing, or an error if that is null too. */
    Long integer(String name, long min, long max, Long absent) {
        String text = absent == null ? requiredText(name) : text(name);
        if (text == null) {
            return failed(name) ? null : absent;
        }
        BigDecimal number = number(name, text);
        if (number == null) {
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0) {
            return fail(name, "'" + shown(text) + "' is not a whole number");
        }
        // A short range (a score) reads best whole; a count names the side it broke.
        boolean wide = max >= 1_000_000;
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            return fail(name, "'" + shown(text) + (wide ? "' is less than " + min : "' is not between " + min + " and " + max));
        }
        if (number.compareTo(BigDecimal.valueOf(max)) > 0) {
            return fail(name, "'" + shown(text) + (wide ? "' is more than " + max : "' is not between " + min + " and " + max));
        }
        return number.longValueExact();
    }

    /** An amount of money (ARR, an invoice's amount), within the bounds the intake checks again. */
    BigDecimal amount(String name) {
        String text = text(name);
        BigDecimal amount = text == null ? null : number(name, text);
        String outOfBounds = RecordBounds.amountProblem(amount);
        return outOfBounds == null ? amount : fail(name, outOfBounds);
    }

    private BigDecimal number(String name, String text) {
        // A number is read only when it could be one: parsing a megabyte of digits costs seconds.
        if (text.length() > RecordBounds.NUMBER_LENGTH) {
            return fail(name, "'" + shown(text) + "' is not a number of at most " + RecordBounds.NUMBER_LENGTH + " characters");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return fail(name, "'" + shown(text) + "' is not a number");
        }
    }

    boolean bool(String name, boolean absent) {
        String text = text(name);
        if (text == null) {
            return absent;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                fail(name, "'" + shown(text) + "' is not true or false");
                yield absent;
            }
        };
    }

    /** Stored as the zone's canonical id, so time arithmetic later cannot fail on it. */
    String timezone(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            return fail(name, "'" + shown(text) + "' is not a time zone (IANA id like Europe/Paris)");
        }
    }

    String currency(String name, String absent) {
        String text = text(name);
        if (text == null) {
            return failed(name) ? null : absent;
        }
        try {
            return Currency.getInstance(text.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return fail(name, "'" + shown(text) + "' is not a currency code (ISO 4217 like USD)");
        }
    }

    /** A problem found outside this record's own fields, such as a lookup that came back empty. */
    void refuse(String name, String message) {
        fail(name, message);
        refusals.add(errors.get(errors.size() - 1));
    }

    /**
     * The first problem of the field's own value, or null: not what {@link #refuse} said of it for the rest of the
     * record or a lookup (no contact has an NPS answer's email yet), which a value given to every record (a mapping's
     * constant) cannot be judged by.
     */
    String valueProblem(String name) {
        return errors.stream().filter(e -> e.field().equals(name) && !refusals.contains(e)).map(RecordError::message)
                .findFirst().orElse(null);
    }

    boolean failed(String name) {
        return errors.stream().anyMatch(e -> e.field().equals(name));
    }

    /** A refused value as an error repeats it. */
    private static String shown(String value) {
        return RecordBounds.shown(value);
    }

    private <T> T fail(String name, String message) {
        errors.add(new RecordError(label, name, message));
        return null;
    }
}
