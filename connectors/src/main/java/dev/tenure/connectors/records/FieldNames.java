package dev.tenure.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tenure.engine.bounds.RecordBounds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A source's own names for our fields ({@code occurredAt} is their {@code event_time}), so an export
 * can be read as it comes out of the warehouse. A field named nowhere keeps its own name. Their name
 * may join several with {@code +} ({@code eventId: account_id+event_time+feature_name}): the values
 * joined with {@code :}, for exports whose rows have no id of their own but a natural key. A name that
 * starts with {@code =} is a constant rather than a column ({@code stage: "=ADOPTION"}): every record gets
 * that value, for exports that lack a field the whole file shares.
 *
 * @param theirs our field name to theirs
 */
public record FieldNames(Map<String, String> theirs) {

    private static final String JOIN = "+";
    private static final String CONSTANT = "=";

    public FieldNames {
        Map<String, String> canonical = new HashMap<>();
        if (theirs != null) {
            theirs.forEach((ours, their) -> canonical.put(camelCase(ours.trim()), their == null ? "" : their.trim()));
        }
        theirs = Map.copyOf(canonical);
    }

    public static FieldNames none() {
        return new FieldNames(Map.of());
    }

    /**
     * Renames the fields of a record read fresh from a source, in place (a million-row file should not
     * copy every row); their name of a mapped field is dropped so it cannot be read twice.
     */
    public JsonNode apply(JsonNode record) {
        if (theirs.isEmpty() || !(record instanceof ObjectNode object)) {
            return record;
        }
        // Read every value before writing any, so a mapping that swaps two names stays right.
        Map<String, JsonNode> values = new HashMap<>();
        theirs.forEach((ours, their) -> {
            JsonNode value = constant(their) ? TextNode.valueOf(their.substring(CONSTANT.length()).trim())
                    : their.contains(JOIN) ? joined(object, their) : object.get(their);
            if (value != null) {
                values.put(ours, value);
            }
        });
        theirs.values().stream().filter(their -> !their.contains(JOIN) && !constant(their)).forEach(object::remove);
        values.forEach(object::set);
        return object;
    }

    /**
     * Refuses, naming the setting ({@code <prefix>.<field>}), a mapping of a field the kind does not have, one naming no
     * column, and a constant that no record of this kind could take: empty, or a value the field refuses
     * ({@code =ADOPTON}).
     */
    public void check(RecordKind kind, String prefix) {
        RecordMapper mapper = new RecordMapper();
        theirs.forEach((ours, their) -> {
            String problem;
            if (!constant(their)) {
                problem = parts(their).isEmpty() ? "names no column; give the column holding " + ours + ", or =VALUE for a constant"
                        : mapper.fieldProblem(kind, ours);
            } else {
                String value = their.substring(CONSTANT.length()).trim();
                problem = value.isEmpty() ? "a constant needs a value after '='" : mapper.constantProblem(kind, ours, value);
            }
            if (problem != null) {
                throw new IllegalArgumentException(prefix + "." + ours + ": " + problem);
            }
        });
    }

    /**
     * What a file's header names that is read as nothing but looks like a column that is, written another way ({@code ARR}
     * for {@code arr}, {@code Renewal Date} for a mapped {@code renewal_date}): one note for each, naming the column it
     * looks like, for the file's report. Such a column is not read as that one (it may hold another system's values,
     * a CRM's own stages), but without a word its values would be dropped from every record, and a value stored before
     * kept, with nothing to say why. A column of no such look is no mistake: exports carry columns of their own.
     */
    public List<String> lookAlikes(RecordKind kind, List<String> header) {
        // The column each field is read from: its own name, else the mapping's column or columns.
        Map<String, String> readFrom = new LinkedHashMap<>();
        for (String field : new RecordMapper().fields(kind)) {
            String their = theirs.get(field);
            if (their == null) {
                readFrom.putIfAbsent(field, field);
            } else if (!constant(their)) {
                parts(their).forEach(part -> readFrom.putIfAbsent(part, field));
            }
        }
        Set<String> present = Set.copyOf(header);
        List<String> notes = new ArrayList<>();
        for (String column : header) {
            if (readFrom.containsKey(column)) {
                continue;
            }
            readFrom.forEach((read, field) -> {
                if (!present.contains(read) && Fields.loose(read).equals(Fields.loose(column))) {
                    notes.add("column '" + RecordBounds.shown(column) + "' is not read: columns are read as written, and it is not "
                            + (read.equals(field) ? field : read + ", the column mapped to " + field) + "; name it " + read
                            + ", or map " + field + " to it");
                }
            });
        }
        return notes;
    }

    private static boolean constant(String their) {
        return their.startsWith(CONSTANT);
    }

    /** Null when a part is missing or blank, so the record is refused for its missing field. */
    private static JsonNode joined(ObjectNode object, String their) {
        StringJoiner key = new StringJoiner(":");
        for (String part : parts(their)) {
            JsonNode value = object.get(part);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                return null;
            }
            key.add(value.asText().trim());
        }
        return TextNode.valueOf(key.toString());
    }

    private static List<String> parts(String their) {
        return Arrays.stream(their.split("\\+")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** Settings may spell our field {@code occurred-at}; records know it as {@code occurredAt}. */
    private static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
