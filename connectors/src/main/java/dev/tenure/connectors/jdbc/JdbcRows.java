package dev.tenure.connectors.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.RecordError;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How one source reads a row, once it is JSON with the warehouse's column names: its label, its record
 * through the source's mapping, its event id, its dead letter. A poll and the replay of a row's dead
 * letter read it the same way, so a replayed row gets the event id the poll would have given it.
 */
final class JdbcRows {

    private final String name;
    private final JdbcSource source;
    private final RecordMapper mapper;

    JdbcRows(String name, JdbcSource source, RecordMapper mapper) {
        this.name = name;
        this.source = source;
        this.mapper = mapper;
    }

    /** {@code jdbc/<name>/<kind>}: dead letters are filed under it. */
    String origin() {
        return origin(name, source);
    }

    static String origin(String name, JdbcSource source) {
        return JdbcPoll.SOURCE + "/" + name + "/" + source.recordKind().label();
    }

    String label(ObjectNode row) {
        return JdbcPoll.SOURCE + "/" + name + " row " + source.watermarkColumn() + "=" + text(row.get(source.watermarkColumn()));
    }

    /** Maps the row in place: the source's mapping renames its columns. */
    Mapping map(String label, ObjectNode row) {
        String eventId = eventId(row);
        ObjectNode record = (ObjectNode) source.fieldNames().apply(row);
        if (eventId != null && !record.hasNonNull("eventId")) {
            record.put("eventId", eventId);
        }
        return mapper.map(source.recordKind(), label, record, JdbcPoll.SOURCE);
    }

    /**
     * {@code <name>:<key column values>}, unless the mapping names an eventId column. The values as the
     * row's JSON has them (a timestamp as an ISO-8601 instant), so the id is the same on every node and
     * in the row's dead letter.
     */
    private String eventId(ObjectNode row) {
        if (source.mapping().containsKey("eventId") || row.has("eventId")) {
            return null;
        }
        return name + ":" + source.keyColumns().stream().map(c -> text(row.get(c))).collect(Collectors.joining(":"));
    }

    DeadLetter letter(String row, List<RecordError> errors) {
        String reason = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return DeadLetter.of(JdbcPoll.SOURCE, origin(), null, row, reason);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asText();
    }
}
