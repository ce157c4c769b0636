package dev.tenure.connectors.webhooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.connectors.records.SourceJson;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one webhook request (a JSON object, or an array of them) into one batch for the engine. The
 * request is all or nothing: if any record is bad, none is stored and every problem is reported, so
 * the sender can fix them all and send the same request again.
 */
@Component
class WebhookIntake {

    static final String SOURCE = "webhook";

    private final RecordMapper mapper;
    private final Intake intake;
    private final ObjectReader json;

    WebhookIntake(RecordMapper mapper, Intake intake, ObjectMapper objectMapper) {
        this.mapper = mapper;
        this.intake = intake;
        this.json = SourceJson.reader(objectMapper);
    }

    IntakeResult receive(String kindName, String body) {
        RecordKind kind = RecordKind.named(kindName).orElseThrow(() -> refused("request", "kind",
                (kindName == null || kindName.isBlank() ? "missing" : "'" + kindName + "' is not a kind")
                        + "; one of " + RecordKind.names()));
        Batch batch = batch(kind, parse(body));
        return batch.isEmpty() ? new IntakeResult(0, 0, 0, 0) : intake.accept(batch);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw refused("body", "json", "empty; expected a JSON object or an array of objects");
        }
        try {
            JsonNode tree = SourceJson.read(json, body);
            if (!tree.isObject() && !tree.isArray()) {
                throw refused("body", "json", "expected a JSON object or an array of objects");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw refused("body", "json", jacksonMessage(e));
        }
    }

    private Batch batch(RecordKind kind, JsonNode tree) {
        Batch.Builder batch = new Batch.Builder();
        List<RecordError> errors = new ArrayList<>();
        if (tree.isObject()) {
            add(kind, kind.label(), tree, batch, errors);
        } else {
            for (int i = 0; i < tree.size(); i++) {
                add(kind, kind.label() + "[" + i + "]", tree.get(i), batch, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
        return batch.build();
    }

    private void add(RecordKind kind, String position, JsonNode record, Batch.Builder batch, List<RecordError> errors) {
        String eventId = RecordMapper.eventId(record);
        String label = eventId == null ? position : position + " (event " + eventId + ")";
        Mapping mapping = mapper.map(kind, label, record, SOURCE);
        if (mapping.valid()) {
            mapping.records().forEach(one -> batch.add(label, one));
        } else {
            errors.addAll(mapping.errors());
        }
    }

    /** Jackson's own words, with the line and column, but without its echo of the input. */
    private static String jacksonMessage(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? e.getOriginalMessage()
                : e.getOriginalMessage() + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static RejectedRecordsException refused(String record, String field, String message) {
        return new RejectedRecordsException(List.of(new RecordError(record, field, message)));
    }
}
