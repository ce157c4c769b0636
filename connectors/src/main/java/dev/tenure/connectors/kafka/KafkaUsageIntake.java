package dev.tenure.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.connectors.records.SourceJson;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns one Kafka message (a usage record, or an array of them) into one batch for the engine. Unlike a
 * webhook, nobody is waiting to be told what was wrong, and a refused message must not hold up its
 * partition: each bad record becomes a dead letter of its own and the good ones around it still land.
 * Only a failure of the engine itself (the database gone) is thrown, so the message is read again.
 * It is there with Kafka off too: dead letters from Kafka can be replayed without a broker.
 */
@Component
class KafkaUsageIntake {

    static final String SOURCE = "kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaUsageIntake.class);

    private final RecordMapper mapper;
    private final Intake intake;
    private final DeadLetters deadLetters;
    private final ObjectReader json;
    private final AtomicBoolean warnedOfKeys = new AtomicBoolean();

    KafkaUsageIntake(RecordMapper mapper, Intake intake, DeadLetters deadLetters, ObjectMapper objectMapper) {
        this.mapper = mapper;
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.json = SourceJson.reader(objectMapper);
    }

    private record Good(String label, String text, Object record) {
    }

    /**
     * @param payload the message's value
     * @param origin  where it came from, {@code <topic>/<partition>/<offset>}, kept with its dead letters
     */
    MessageReport receive(String payload, String origin) {
        List<RecordError> unreadable = new ArrayList<>();
        List<SourceJson.Refused> refused = new ArrayList<>();
        return receive(payload, origin, parse(payload, unreadable, refused), unreadable, refused);
    }

    /**
     * As {@link #receive(String, String)}, and warns when the message is not keyed by the account of its
     * records: the producer's key decides the partition, so only a key by account keeps one account's usage
     * on one node and in order.
     *
     * @param key the message's key, null when it has none
     */
    MessageReport receive(String key, String payload, String origin) {
        List<RecordError> unreadable = new ArrayList<>();
        List<SourceJson.Refused> refused = new ArrayList<>();
        JsonNode tree = parse(payload, unreadable, refused);
        if (tree != null) {
            checkKey(key, tree, origin);
        }
        return receive(payload, origin, tree, unreadable, refused);
    }

    private MessageReport receive(String payload, String origin, JsonNode tree, List<RecordError> unreadable,
                                  List<SourceJson.Refused> refused) {
        List<Good> good = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        if (tree == null) {
            letters.add(DeadLetter.of(SOURCE, origin, null, payload == null ? "" : payload, reason(unreadable)));
        } else if (tree.isObject()) {
            map(RecordKind.USAGE.label(), tree, payload, origin, good, letters);
        } else {
            Map<Integer, SourceJson.Refused> unread = new HashMap<>();
            refused.forEach(r -> unread.put(r.index(), r));
            for (int i = 0; i < tree.size(); i++) {
                JsonNode element = tree.get(i);
                String position = RecordKind.USAGE.label() + "[" + i + "]";
                SourceJson.Refused alone = unread.get(i);
                if (alone != null) {
                    letters.add(DeadLetter.of(SOURCE, origin, null, alone.text(),
                            reason(List.of(new RecordError(position, "json", alone.reason())))));
                } else {
                    map(position, element, element.toString(), origin, good, letters);
                }
            }
        }
        IntakeResult result = accept(good, origin, letters);
        if (!letters.isEmpty()) {
            deadLetters.record(letters);
        }
        int records = tree == null ? 1 : tree.isObject() ? 1 : tree.size();
        return new MessageReport(origin, records, result.accepted(), result.duplicates(), letters.size());
    }

    /**
     * A message of one account's records keyed otherwise (or not at all). A producer that keys wrongly does so
     * for every message: the first is a warning, the rest are logged at debug level.
     */
    private void checkKey(String key, JsonNode tree, String origin) {
        Iterable<JsonNode> records = tree.isObject() ? List.of(tree) : tree;
        Set<String> accounts = new TreeSet<>();
        for (JsonNode record : records) {
            JsonNode account = record.isObject() ? record.get("accountId") : null;
            if (account != null && account.isTextual()) {
                accounts.add(account.asText());
            }
        }
        if (accounts.size() != 1 || accounts.iterator().next().equals(key)) {
            return;
        }
        String account = accounts.iterator().next();
        String keyed = key == null ? "has no key" : "is keyed '" + key + "'";
        if (warnedOfKeys.compareAndSet(false, true)) {
            log.warn("Kafka message {} {} but holds usage of account '{}': key messages by account id, or one "
                    + "account's usage may be read by two nodes at once and out of order (later ones at debug level)",
                    origin, keyed, account);
        } else {
            log.debug("Kafka message {} {} but holds usage of account '{}'", origin, keyed, account);
        }
    }

    /** The message as JSON, or null with why it is not a usage record nor an array of them. */
    private JsonNode parse(String payload, List<RecordError> errors, List<SourceJson.Refused> refused) {
        String reason;
        if (payload == null || payload.isBlank()) {
            reason = "empty; expected a usage record (JSON object) or an array of them";
        } else {
            try {
                JsonNode tree = SourceJson.readRecords(json, payload, null, refused);
                if (tree.isObject() || tree.isArray()) {
                    return tree;
                }
                reason = "expected a usage record (JSON object) or an array of them";
            } catch (JsonProcessingException e) {
                reason = e.getOriginalMessage();
            }
        }
        errors.add(new RecordError("message", "json", reason));
        return null;
    }

    private void map(String position, JsonNode record, String text, String origin, List<Good> good,
                     List<DeadLetter> letters) {
        String label = label(position, record);
        Mapping mapping = mapper.map(RecordKind.USAGE, label, record, SOURCE);
        if (mapping.valid()) {
            good.add(new Good(label, text, mapping.record()));
        } else {
            letters.add(DeadLetter.of(SOURCE, origin, null, text, reason(mapping.errors())));
        }
    }

    private static String label(String position, JsonNode record) {
        String eventId = RecordMapper.eventId(record);
        return eventId == null ? position : position + " (event " + eventId + ")";
    }

    /**
     * A dead letter's record read again as a message of its own, all or nothing: refused again, it is kept
     * as a new dead letter under the same origin and the refusal is thrown, with its reason.
     */
    IntakeResult replay(String text, String origin) {
        List<RecordError> errors = new ArrayList<>();
        List<SourceJson.Refused> refused = new ArrayList<>();
        JsonNode tree = parse(text, errors, refused);
        for (SourceJson.Refused r : refused) {
            errors.add(new RecordError(RecordKind.USAGE.label() + "[" + r.index() + "]", "json", r.reason()));
        }
        Batch.Builder batch = new Batch.Builder();
        if (tree != null) {
            List<JsonNode> records = new ArrayList<>();
            if (tree.isObject()) {
                records.add(tree);
            } else {
                tree.forEach(records::add);
            }
            for (int i = 0; i < records.size(); i++) {
                String position = tree.isObject() ? RecordKind.USAGE.label() : RecordKind.USAGE.label() + "[" + i + "]";
                String label = label(position, records.get(i));
                Mapping mapping = mapper.map(RecordKind.USAGE, label, records.get(i), SOURCE);
                if (mapping.valid()) {
                    batch.add(label, mapping.record());
                } else {
                    errors.addAll(mapping.errors());
                }
            }
        }
        if (errors.isEmpty()) {
            Batch built = batch.build();
            if (built.isEmpty()) {
                return new IntakeResult(0, 0, 0, 0);
            }
            try {
                return intake.accept(built);
            } catch (RejectedRecordsException e) {
                errors = e.errors();
            }
        }
        deadLetters.record(List.of(DeadLetter.of(SOURCE, origin, null, text == null ? "" : text, reason(errors))));
        throw new RejectedRecordsException(errors);
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
