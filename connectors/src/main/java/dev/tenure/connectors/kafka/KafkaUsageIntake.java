package dev.tenure.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one Kafka message (a usage record, or an array of them) into one batch for the engine. Unlike a
 * webhook, nobody is waiting to be told what was wrong, and a refused message must not hold up its
 * partition: each bad record becomes a dead letter of its own and the good ones around it still land.
 * Only a failure of the engine itself (the database gone) is thrown, so the message is read again.
 */
class KafkaUsageIntake {

    static final String SOURCE = "kafka";

    private final RecordMapper mapper;
    private final Intake intake;
    private final DeadLetters deadLetters;
    private final ObjectReader json;

    KafkaUsageIntake(RecordMapper mapper, Intake intake, DeadLetters deadLetters, ObjectMapper objectMapper) {
        this.mapper = mapper;
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.json = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private record Good(String label, String text, Object record) {
    }

    /**
     * @param payload the message's value
     * @param origin  where it came from, {@code <topic>/<partition>/<offset>}, kept with its dead letters
     */
    MessageReport receive(String payload, String origin) {
        List<Good> good = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        JsonNode tree = parse(payload, origin, letters);
        if (tree != null && tree.isObject()) {
            map(RecordKind.USAGE.label(), tree, payload, origin, good, letters);
        } else if (tree != null) {
            for (int i = 0; i < tree.size(); i++) {
                JsonNode element = tree.get(i);
                map(RecordKind.USAGE.label() + "[" + i + "]", element, element.toString(), origin, good, letters);
            }
        }
        IntakeResult result = accept(good, origin, letters);
        if (!letters.isEmpty()) {
            deadLetters.record(letters);
        }
        int records = tree == null ? 1 : tree.isObject() ? 1 : tree.size();
        return new MessageReport(origin, records, result.accepted(), result.duplicates(), letters.size());
    }

    private JsonNode parse(String payload, String origin, List<DeadLetter> letters) {
        String reason;
        if (payload == null || payload.isBlank()) {
            reason = "message: json: empty; expected a usage record (JSON object) or an array of them";
        } else {
            try {
                JsonNode tree = json.readTree(payload);
                if (tree.isObject() || tree.isArray()) {
                    return tree;
                }
                reason = "message: json: expected a usage record (JSON object) or an array of them";
            } catch (JsonProcessingException e) {
                reason = "message: json: " + e.getOriginalMessage();
            }
        }
        letters.add(DeadLetter.of(SOURCE, origin, null, payload == null ? "" : payload, reason));
        return null;
    }

    private void map(String position, JsonNode record, String text, String origin, List<Good> good,
                     List<DeadLetter> letters) {
        String eventId = RecordMapper.eventId(record);
        String label = eventId == null ? position : position + " (event " + eventId + ")";
        Mapping mapping = mapper.map(RecordKind.USAGE, label, record, SOURCE);
        if (mapping.valid()) {
            good.add(new Good(label, text, mapping.record()));
        } else {
            letters.add(DeadLetter.of(SOURCE, origin, null, text, reason(mapping.errors())));
        }
    }

    /** All at once; if the engine refuses the batch (an unknown account), record by record. */
    private IntakeResult accept(List<Good> good, String origin, List<DeadLetter> letters) {
        if (good.isEmpty()) {
            return new IntakeResult(0, 0, 0, 0);
        }
        try {
            return intake.accept(batchOf(good));
        } catch (RejectedRecordsException e) {
            if (good.size() == 1) {
                letters.add(DeadLetter.of(SOURCE, origin, null, good.get(0).text(), reason(e.errors())));
                return new IntakeResult(0, 0, 0, 0);
            }
            int accepted = 0;
            int duplicates = 0;
            for (Good one : good) {
                try {
                    IntakeResult result = intake.accept(batchOf(List.of(one)));
                    accepted += result.accepted();
                    duplicates += result.duplicates();
                } catch (RejectedRecordsException refused) {
                    letters.add(DeadLetter.of(SOURCE, origin, null, one.text(), reason(refused.errors())));
                }
            }
            return new IntakeResult(accepted, duplicates, 0, 0);
        }
    }

    private static Batch batchOf(List<Good> records) {
        Batch.Builder batch = new Batch.Builder();
        records.forEach(r -> batch.add(r.label(), r.record()));
        return batch.build();
    }

    private static String reason(List<RecordError> errors) {
        return new RejectedRecordsException(errors).getMessage();
    }
}
