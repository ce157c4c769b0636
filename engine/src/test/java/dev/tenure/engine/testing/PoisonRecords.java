package dev.tenure.engine.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records of every kind the intakes take (the field names of connectors/README.md, "Record formats"), valid ones
 * and ones spoiled by {@link Mutation}s drawn from {@link Poison}: a field replaced by a bad value, removed,
 * sent twice (a duplicate key, the bad value first or last), an unknown field added, or the whole record
 * replaced by something that is not one. A valid record carries a key of its own (its id, email or event
 * id, made from a test's tag), so a test can ask what of a request was stored.
 */
public final class PoisonRecords {

    /** What a field holds, which decides the poisons it is most often given. */
    public enum Type {
        ID, NAME, TEXT, ENUM, EMAIL, TIME, DATE, AMOUNT, COUNT, SCORE, BOOL, ZONE, CURRENCY,
        /** Seconds since 1970 as a JSON number (Stripe's {@code created}). */
        EPOCH,
        /** A JSON object or array of the source's own (Stripe's subscription items). */
        JSON
    }

    /** A field's value as raw JSON and as the text a CSV cell holds; {@code what} names it in a case's name. */
    public record Value(String json, String text, String what) {

        public static Value text(String text) {
            return new Value(Poison.json(text), text, "'" + shown(text) + "'");
        }

        public static Value raw(String json) {
            return new Value(json, json, shown(json));
        }
    }

    public record Field(String name, Value value) {
    }

    /**
     * A record as sent: its fields in order (a name twice is a duplicate key), or {@code raw} JSON instead of an
     * object. {@code key} is the value of its kind's key field while the record is the valid one made for it,
     * else null; {@code spoiled} says what was done to it, null for a valid record; {@code from} is the key of
     * the valid record it was made from.
     */
    public record Record(List<Field> fields, String raw, String key, String spoiled, String from) {

        /** The text of the field's last occurrence (the one JSON readers keep), or null when it is not there. */
        public String lastText(String name) {
            String text = null;
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    text = f.value().text();
                }
            }
            return text;
        }

        /** As JSON; dotted names ({@code context.groupId}) are fields of nested objects. */
        public String json() {
            return raw != null ? raw : object(fields);
        }

        private static String object(List<Field> fields) {
            // In the order names first appear; a plain name twice is written twice (a duplicate key).
            List<Object> members = new ArrayList<>();
            Map<String, List<Field>> nested = new LinkedHashMap<>();
            for (Field f : fields) {
                int dot = f.name().indexOf('.');
                if (dot < 0) {
                    members.add(f);
                } else {
                    String outer = f.name().substring(0, dot);
                    if (!nested.containsKey(outer)) {
                        members.add(outer);
                    }
                    nested.computeIfAbsent(outer, o -> new ArrayList<>()).add(new Field(f.name().substring(dot + 1), f.value()));
                }
            }
            return members.stream().map(m -> m instanceof Field f ? Poison.json(f.name()) + ": " + f.value().json()
                    : Poison.json((String) m) + ": " + object(nested.get((String) m))).collect(Collectors.joining(", ", "{", "}"));
        }

        /** The record as a CSV row under this header: the last value of a name, blank when absent. */
        public String csv(List<String> header) {
            Map<String, String> cells = new LinkedHashMap<>();
            fields.forEach(f -> cells.put(f.name(), f.value().text()));
            return header.stream().map(name -> csvCell(cells.getOrDefault(name, ""))).collect(Collectors.joining(","));
        }

        public boolean valid() {
            return spoiled == null;
        }

        Record with(List<Field> changed, String what) {
            return new Record(changed, null, null, spoiled == null ? what : spoiled + "; " + what, from);
        }
    }

    /** One thing done to a record. */
    public sealed interface Mutation {

        Record apply(Record record);

        /** Only what a CSV row can say: a field's text replaced or left blank. */
        default boolean csv() {
            return false;
        }
    }

    public record Replace(String field, Value value) implements Mutation {
        public Record apply(Record record) {
            List<Field> fields = new ArrayList<>(record.fields());
            fields.replaceAll(f -> f.name().equals(field) ? new Field(field, value) : f);
            if (fields.stream().noneMatch(f -> f.name().equals(field))) {
                fields.add(new Field(field, value));
            }
            return record.with(fields, field + " = " + value.what());
        }

        @Override
        public boolean csv() {
            return true;
        }
    }

    public record Remove(String field) implements Mutation {
        public Record apply(Record record) {
            return record.with(record.fields().stream().filter(f -> !f.name().equals(field)).toList(), field + " removed");
        }

        @Override
        public boolean csv() {
            return true;
        }
    }

    public record AddUnknown(String field, Value value) implements Mutation {
        public Record apply(Record record) {
            List<Field> fields = new ArrayList<>(record.fields());
            fields.add(new Field(field, value));
            return record.with(fields, "unknown field " + shown(field) + " = " + value.what());
        }
    }

    /** The field twice: JSON readers keep one of the two, which one is theirs to say. */
    public record Duplicate(String field, Value value, boolean poisonFirst) implements Mutation {
        public Record apply(Record record) {
            List<Field> fields = new ArrayList<>();
            for (Field f : record.fields()) {
                if (f.name().equals(field) && poisonFirst) {
                    fields.add(new Field(field, value));
                }
                fields.add(f);
                if (f.name().equals(field) && !poisonFirst) {
                    fields.add(new Field(field, value));
                }
            }
            return record.with(fields, field + " twice, " + (poisonFirst ? "first " : "then ") + value.what());
        }
    }

    public record WholeRecord(String raw) implements Mutation {
        public Record apply(Record record) {
            return new Record(List.of(), raw, null, "the record is " + shown(raw), record.from());
        }
    }

    /** The fields of one kind and their types; the first is the key a valid record is found by. */
    public record Kind(String name, Map<String, Type> fields) {

        public List<String> header() {
            return List.copyOf(fields.keySet());
        }

        public String keyField() {
            return fields.keySet().iterator().next();
        }
    }

    public static final Kind ACCOUNTS = kind("accounts", "id", Type.ID, "name", Type.NAME, "segment", Type.ENUM, "stage", Type.ENUM,
            "csm", Type.EMAIL, "arr", Type.AMOUNT, "plan", Type.ID, "startedOn", Type.DATE, "renewalOn", Type.DATE,
            "timezone", Type.ZONE);
    public static final Kind CONTACTS = kind("contacts", "email", Type.EMAIL, "accountId", Type.ID, "name", Type.NAME,
            "role", Type.ENUM, "timezone", Type.ZONE, "active", Type.BOOL, "unsubscribed", Type.BOOL);
    public static final Kind USAGE = kind("usage", "eventId", Type.ID, "accountId", Type.ID, "occurredAt", Type.TIME,
            "feature", Type.ID, "quantity", Type.COUNT, "activeUsers", Type.COUNT, "source", Type.ID);
    public static final Kind TICKETS = kind("tickets", "eventId", Type.ID, "accountId", Type.ID, "occurredAt", Type.TIME,
            "ticketId", Type.ID, "priority", Type.ENUM, "status", Type.ENUM, "subject", Type.TEXT);
    public static final Kind BILLING = kind("billing", "eventId", Type.ID, "accountId", Type.ID, "occurredAt", Type.TIME,
            "event", Type.ENUM, "amount", Type.AMOUNT, "currency", Type.CURRENCY, "invoiceId", Type.ID);
    public static final Kind NPS = kind("nps", "eventId", Type.ID, "accountId", Type.ID, "occurredAt", Type.TIME,
            "contactEmail", Type.EMAIL, "score", Type.SCORE, "comment", Type.TEXT);
    public static final Kind CSAT = kind("csat", "eventId", Type.ID, "accountId", Type.ID, "occurredAt", Type.TIME,
            "contactEmail", Type.EMAIL, "score", Type.SCORE, "ticketId", Type.ID);

    public static final List<Kind> KINDS = List.of(ACCOUNTS, CONTACTS, USAGE, TICKETS, BILLING, NPS, CSAT);

    private PoisonRecords() {
    }

    /**
     * A valid record of the kind, keyed {@code <tag>-<n>}, naming an account that exists and, for answers, the
     * email of one of its contacts.
     */
    public static Record valid(Kind kind, String tag, int n, String accountId, String contactEmail) {
        String key = kind == CONTACTS ? tag + "-" + n + "@poison.example" : tag + "-" + n;
        String at = TestClock.now().minus(Duration.ofHours(1 + n % 48)).toString();
        Map<String, String> values = switch (kind.name()) {
            case "accounts" -> ordered("id", key, "name", "Poison Proof " + n, "segment", "LOW_TOUCH", "stage", "ADOPTION",
                    "csm", "csm@poison.example", "arr", "120000.50", "plan", "growth", "startedOn", "2025-01-31",
                    "renewalOn", "2027-01-31", "timezone", "Europe/Paris");
            case "contacts" -> ordered("email", key, "accountId", accountId, "name", "Ana Silva", "role", "CHAMPION",
                    "timezone", "America/New_York", "active", "true", "unsubscribed", "false");
            case "usage" -> ordered("eventId", key, "accountId", accountId, "occurredAt", at, "feature", "core",
                    "quantity", "3", "activeUsers", "2", "source", "poison");
            case "tickets" -> ordered("eventId", key, "accountId", accountId, "occurredAt", at, "ticketId", "T-" + n,
                    "priority", "P3", "status", "OPEN", "subject", "Export is slow");
            case "billing" -> ordered("eventId", key, "accountId", accountId, "occurredAt", at, "event", "INVOICE_PAID",
                    "amount", "420.50", "currency", "EUR", "invoiceId", "in_" + n);
            case "nps" -> ordered("eventId", key, "accountId", accountId, "occurredAt", at, "contactEmail", contactEmail,
                    "score", "9", "comment", "Fine,\nmostly");
            case "csat" -> ordered("eventId", key, "accountId", accountId, "occurredAt", at, "contactEmail", contactEmail,
                    "score", "4", "ticketId", "T-" + n);
            default -> throw new IllegalArgumentException(kind.name());
        };
        return record(kind, key, values);
    }

    /** A valid record of these values, numbers and JSON of their own written as they are, the rest as JSON strings. */
    public static Record record(Kind kind, String key, Map<String, String> values) {
        List<Field> fields = new ArrayList<>();
        values.forEach((name, text) -> fields.add(new Field(name, raw(kind.fields().get(name)) ? Value.raw(text) : Value.text(text))));
        return new Record(fields, null, key, null, key);
    }

    /** One to three things done to a record of this kind. */
    public static Arbitrary<List<Mutation>> mutations(Kind kind) {
        return mutation(kind).list().ofMinSize(1).ofMaxSize(3);
    }

    /** One or two of what a CSV row can carry: bad text in a cell, or a cell left blank. */
    public static Arbitrary<List<Mutation>> csvMutations(Kind kind) {
        return mutation(kind).filter(Mutation::csv).list().ofMinSize(1).ofMaxSize(2);
    }

    public static Arbitrary<Mutation> mutation(Kind kind) {
        Arbitrary<String> field = Arbitraries.of(kind.header());
        Arbitrary<Mutation> replace = field.flatMap(name -> value(kind.fields().get(name)).map(v -> new Replace(name, v)));
        Arbitrary<Mutation> remove = field.map(Remove::new);
        Arbitrary<Mutation> unknown = Arbitraries.of("x-extra", "EventId", "eventID", "__proto__", "", "a\u0000b", "id ")
                .flatMap(name -> anyValue().map(v -> new AddUnknown(name, v)));
        Arbitrary<Mutation> duplicate = field.flatMap(name -> value(kind.fields().get(name)).flatMap(
                v -> Arbitraries.of(true, false).map(first -> new Duplicate(name, v, first))));
        Arbitrary<Mutation> whole = Arbitraries.oneOf(Poison.jsonWrongType(), Poison.jsonNumber(),
                Poison.text().map(Poison::json)).map(WholeRecord::new);
        return Arbitraries.frequencyOf(Tuple.of(12, replace), Tuple.of(3, remove), Tuple.of(2, unknown),
                Tuple.of(2, duplicate), Tuple.of(1, whole));
    }

    /** A bad value for a field of this type: most often one of its own kind of poison, else any. */
    public static Arbitrary<Value> value(Type type) {
        Arbitrary<Value> own = switch (type) {
            case ID, NAME, TEXT -> Arbitraries.frequencyOf(Tuple.of(4, Poison.text().map(Value::text)),
                    Tuple.of(1, Poison.jsonWrongType().map(Value::raw)));
            case ENUM -> Poison.enumText().map(Value::text);
            case EMAIL -> Poison.emailText().map(Value::text);
            case TIME -> Arbitraries.frequencyOf(Tuple.of(4, Poison.timeText().map(Value::text)),
                    Tuple.of(1, Poison.jsonNumber().map(Value::raw)));
            case DATE -> Poison.dateText().map(Value::text);
            case AMOUNT, COUNT, SCORE -> Arbitraries.oneOf(Poison.numberText().map(Value::text), Poison.jsonNumber().map(Value::raw));
            case BOOL -> Arbitraries.oneOf(Poison.booleanText().map(Value::text), Arbitraries.of("1", "0", "[]").map(Value::raw));
            case ZONE -> Poison.zoneText().map(Value::text);
            case CURRENCY -> Poison.currencyText().map(Value::text);
            case EPOCH -> Arbitraries.oneOf(Poison.jsonNumber(), Arbitraries.of("253402300800", "9223372036854775807",
                    "-9223372036854775808", "31556889864403200", "-62135596801", "1e10", "1.7e9", "0", "-1", "\"1700000000\"")).map(Value::raw);
            case JSON -> Arbitraries.oneOf(Poison.jsonWrongType(), stripeItems()).map(Value::raw);
        };
        return Arbitraries.frequencyOf(Tuple.of(3, own), Tuple.of(1, anyValue()));
    }

    /** Stripe subscription items with bad prices, intervals and quantities. */
    static Arbitrary<String> stripeItems() {
        Arbitrary<String> number = Arbitraries.oneOf(Poison.jsonNumber().filter(n -> n.length() < 100),
                Arbitraries.of("5000", "null", "\"5000\"", "[]"));
        Arbitrary<String> interval = Arbitraries.of("\"month\"", "\"year\"", "\"week\"", "\"day\"", "\"fortnight\"", "null", "7", "{}");
        return Arbitraries.integers().between(0, 3).flatMap(items -> number.tuple3().flatMap(n -> interval.map(i ->
                "{\"data\": [" + ("{\"price\": {\"unit_amount\": " + n.get1() + ", \"recurring\": {\"interval\": " + i
                        + ", \"interval_count\": " + n.get2() + "}}, \"quantity\": " + n.get3() + "}").repeat(items)
                        .replace("}{", "}, {") + "]}")));
    }

    /**
     * The values at and just past the edges of what a field of this type may be, each as one mutation of its own:
     * drawn cases find the middle of the poison space, these sweep its borders (as jqwik's edge cases do).
     */
    public static List<List<Mutation>> edges(Kind kind) {
        List<List<Mutation>> edges = new ArrayList<>();
        kind.fields().forEach((field, type) -> {
            List<Value> values = switch (type) {
                case ID -> List.of(Value.text("x".repeat(201)), Value.text("a\u0000b"), Value.text("\ud800"));
                case NAME -> List.of(Value.text("n".repeat(321)), Value.text("\u001b[31m"));
                case TEXT -> List.of(Value.text("t".repeat(10_001)), Value.text("fine\u0000 then"));
                case ENUM -> List.of(Value.text("P7"), Value.raw("[]"));
                case EMAIL -> List.of(Value.text("a\u0000@b.example"), Value.text("e".repeat(321) + "@b.example"),
                        Value.text("no-at-sign"));
                case TIME -> List.of(Value.text("+102026-01-01T00:00:00Z"), Value.text("2026-11-01T10:00:00"));
                case DATE -> List.of(Value.text("0000-01-01"), Value.text("2026-02-30"));
                case AMOUNT -> List.of(Value.raw("1000000000000"), Value.text("999999999999.995"), Value.raw("1e100000"));
                case COUNT -> List.of(Value.raw("1000000001"), Value.raw("-1"), Value.text("9223372036854775808"));
                case SCORE -> List.of(Value.raw("11"), Value.text("-1"));
                case BOOL -> List.of(Value.text("yes"));
                case ZONE -> List.of(Value.text("Mars/Olympus"));
                case CURRENCY -> List.of(Value.text("XXX"));
                case EPOCH -> List.of(Value.raw("9223372036854775807"), Value.raw("253402300800"));
                case JSON -> List.of(Value.raw("{\"data\": [{\"price\": {\"unit_amount\": 1e400}, \"quantity\": 2}]}"));
            };
            values.forEach(v -> edges.add(List.of(new Replace(field, v))));
        });
        return edges;
    }

    /** Any poison, whatever the field. */
    public static Arbitrary<Value> anyValue() {
        return Arbitraries.oneOf(Poison.text().map(Value::text), Poison.numberText().map(Value::text),
                Poison.timeText().map(Value::text), Poison.enumText().map(Value::text), Poison.emailText().map(Value::text),
                Poison.jsonNumber().map(Value::raw), Poison.jsonWrongType().map(Value::raw));
    }

    /** Applies the mutations in order. */
    public static Record spoil(Record valid, List<Mutation> mutations) {
        Record record = valid;
        for (Mutation m : mutations) {
            if (record.raw() != null) {
                break;
            }
            record = m.apply(record);
        }
        return record;
    }

    /** A value as a case name or message repeats it: its start, escaped, and its length when long. */
    public static String shown(String value) {
        String start = value.length() <= 24 ? value : value.substring(0, 24);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < start.length(); i++) {
            char c = start.charAt(i);
            out.append(c < 0x20 || c >= 0x7f && c <= 0x9f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
        }
        return value.length() <= 24 ? out.toString() : out + "… (" + value.length() + " chars)";
    }

    static String csvCell(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static boolean raw(Type type) {
        return type == Type.AMOUNT || type == Type.COUNT || type == Type.SCORE || type == Type.BOOL || type == Type.EPOCH
                || type == Type.JSON;
    }

    public static Kind kind(String name, Object... fieldsAndTypes) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTypes.length; i += 2) {
            fields.put((String) fieldsAndTypes[i], (Type) fieldsAndTypes[i + 1]);
        }
        return new Kind(name, fields);
    }

    public static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }
}
