package dev.tenure.connectors.segment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.records.SourceJson;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request of Segment's HTTP tracking API: one call, or {@code {"batch": [calls...]}}. Each call's
 * {@code type} comes from the call, else from the path ({@code /v1/track}). A bad single call refuses the
 * request; in a batch each bad call is refused alone, naming its fields, and the others go on (Segment does
 * not send a batch again after a 4xx, so refusing it whole would lose its good calls).
 */
class SegmentCalls {

    private final ObjectReader json;
    private final Instant now;

    SegmentCalls(ObjectMapper objectMapper, Instant now) {
        this.json = SourceJson.reader(objectMapper);
        this.now = now;
    }

    /** The calls that read, and the calls of a batch refused alone; {@code batch}: the request was one. */
    record Read(List<SegmentCall> calls, List<RefusedCall> refused, boolean batch) {
    }

    /** A call of a batch refused alone: its label, the call as it came, and why. */
    record RefusedCall(String label, String json, List<RecordError> errors) {
    }

    /** @throws RejectedRecordsException when the request, or its one call, is refused as a whole */
    Read read(String pathType, String body) {
        List<SourceJson.Refused> unread = new ArrayList<>();
        JsonNode tree = parse(body, unread);
        List<SegmentCall> calls = new ArrayList<>();
        List<RefusedCall> refused = new ArrayList<>();
        Map<Integer, SourceJson.Refused> unreadAt = new HashMap<>();
        unread.forEach(u -> unreadAt.put(u.index(), u));
        JsonNode batch = tree.get("batch");
        if (batch != null || "batch".equalsIgnoreCase(pathType)) {
            if (batch == null || !batch.isArray()) {
                throw refused("segment.batch", "batch", "expected an array of calls");
            }
            for (int i = 0; i < batch.size(); i++) {
                SourceJson.Refused alone = unreadAt.get(i);
                if (alone != null) {
                    String label = "segment.batch[" + i + "]";
                    refused.add(new RefusedCall(label, alone.text(), List.of(new RecordError(label, "json", alone.reason()))));
                    continue;
                }
                List<RecordError> errors = new ArrayList<>();
                String label = read("segment.batch[" + i + "]", null, batch.get(i), calls, errors);
                if (!errors.isEmpty()) {
                    refused.add(new RefusedCall(label, String.valueOf(batch.get(i)), errors));
                }
            }
        } else {
            List<RecordError> errors = new ArrayList<>();
            read("segment." + (pathType == null ? "call" : pathType.toLowerCase(Locale.ROOT)), pathType, tree, calls, errors);
            if (!errors.isEmpty()) {
                throw new RejectedRecordsException(errors);
            }
        }
        return new Read(calls, refused, batch != null);
    }

    /** Reads one call into {@code calls}, or its problems into {@code errors}; returns its label. */
    private String read(String position, String pathType, JsonNode call, List<SegmentCall> calls, List<RecordError> errors) {
        if (call == null || !call.isObject()) {
            errors.add(new RecordError(position, "call", "not a JSON object"));
            return position;
        }
        String messageId = text(call, "messageId");
        String label = messageId == null ? position : position + " (message " + RecordBounds.shown(messageId) + ")";
        int before = errors.size();
        SegmentCall.Type type = type(label, text(call, "type"), pathType, errors);
        Instant timestamp = timestamp(label, call, errors);
        String userId = text(call, "userId");
        String groupId = null;
        // Named as the sender wrote it: a track call's group is in its context or its properties.
        String groupField = "groupId";
        String event = null;
        long quantity = 1;
        String email = null;
        String name = null;
        if (type == SegmentCall.Type.TRACK) {
            require(label, "messageId", messageId, errors);
            event = require(label, "event", text(call, "event"), errors);
            groupId = value(call.path("context").get("groupId"));
            groupField = groupId != null ? "context.groupId" : "properties.groupId";
            if (groupId == null) {
                groupId = value(call.path("properties").get("groupId"));
            }
            quantity = quantity(label, call.path("properties").get("quantity"), errors);
        } else if (type == SegmentCall.Type.GROUP) {
            require(label, "userId", userId, errors);
            groupId = require(label, "groupId", text(call, "groupId"), errors);
        } else if (type == SegmentCall.Type.IDENTIFY) {
            JsonNode traits = call.path("traits");
            email = text(traits, "email");
            name = text(traits, "name");
            String problem = RecordBounds.emailProblem(email);
            if (problem != null) {
                errors.add(new RecordError(label, "traits.email", problem));
            }
        }
        bounded(label, "messageId", RecordBounds.idProblem(messageId), errors);
        bounded(label, "userId", RecordBounds.idProblem(userId), errors);
        bounded(label, groupField, RecordBounds.idProblem(groupId), errors);
        bounded(label, "event", RecordBounds.idProblem(event), errors);
        bounded(label, "traits.email", RecordBounds.nameProblem(email), errors);
        bounded(label, "traits.name", RecordBounds.nameProblem(name), errors);
        if (errors.size() == before) {
            calls.add(new SegmentCall(label, type, messageId, timestamp, userId, groupId, event, quantity, email, name,
                    withType(call, type)));
        }
        return label;
    }

    /** The call with its type written in, so a replay of it alone needs no path to say what it is. */
    private static String withType(JsonNode call, SegmentCall.Type type) {
        ObjectNode copy = ((ObjectNode) call).deepCopy();
        copy.put("type", type.name().toLowerCase(Locale.ROOT));
        return copy.toString();
    }

    private static void bounded(String label, String field, String problem, List<RecordError> errors) {
        if (problem != null && errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new RecordError(label, field, problem));
        }
    }

    private static SegmentCall.Type type(String label, String given, String pathType, List<RecordError> errors) {
        String name = given != null ? given : pathType;
        if (name == null) {
            errors.add(new RecordError(label, "type", "missing; one of " + typeNames()));
            return null;
        }
        try {
            return SegmentCall.Type.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new RecordError(label, "type", "'" + RecordBounds.shown(name) + "' is not one of " + typeNames()));
            return null;
        }
    }

    /** Segment's libraries always send one; a call without is taken as happening now, as Segment does. */
    private Instant timestamp(String label, JsonNode call, List<RecordError> errors) {
        String text = text(call, "timestamp");
        if (text == null) {
            return now;
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            bounded(label, "timestamp", RecordBounds.instantProblem(at), errors);
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new RecordError(label, "timestamp", "'" + RecordBounds.shown(text)
                    + "' is not an ISO-8601 time with a zone or offset (2026-11-01T10:00:00.000Z)"));
            return null;
        }
    }

    private static long quantity(String label, JsonNode node, List<RecordError> errors) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return 1;
        }
        String text = node.asText().trim();
        try {
            BigDecimal number = text.length() > RecordBounds.NUMBER_LENGTH ? null : new BigDecimal(text);
            if (number != null && number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                    && number.compareTo(BigDecimal.valueOf(RecordBounds.MAX_QUANTITY)) <= 0) {
                return number.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below, with the value
        }
        errors.add(new RecordError(label, "properties.quantity", "'" + RecordBounds.shown(text)
                + "' is not a whole number from 0 to " + RecordBounds.MAX_QUANTITY));
        return 1;
    }

    private static String require(String label, String field, String value, List<RecordError> errors) {
        if (value == null) {
            errors.add(new RecordError(label, field, "missing"));
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return value(node == null ? null : node.get(field));
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private JsonNode parse(String body, List<SourceJson.Refused> unread) {
        if (body == null || body.isBlank()) {
            throw refused("body", "json", "empty; expected a Segment call or {\"batch\": [calls...]}");
        }
        try {
            JsonNode tree = SourceJson.readRecords(json, body, "batch", unread);
            if (!tree.isObject()) {
                throw refused("body", "json", "expected a Segment call or {\"batch\": [calls...]}");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw refused("body", "json", at == null ? e.getOriginalMessage()
                    : e.getOriginalMessage() + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
    }

    private static String typeNames() {
        return Arrays.stream(SegmentCall.Type.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static RejectedRecordsException refused(String record, String field, String message) {
        return new RejectedRecordsException(List.of(new RecordError(record, field, message)));
    }
}
