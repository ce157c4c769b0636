package dev.tenure.connectors.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.deadletters.ReplayableSource;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a refused warehouse row again, through the mapping its source has now: the dead letter keeps the
 * row with the warehouse's own column names. A row of a source no longer configured cannot be read.
 */
@Component
class JdbcReplay implements ReplayableSource {

    private static final String PREFIX = JdbcPoll.SOURCE + "/";

    private final Map<String, JdbcSource> sources;
    private final RecordMapper mapper;
    private final Intake intake;
    private final DeadLetters deadLetters;
    // Decimals as written, not rounded through a double: a decimal key column is part of the event id.
    private final ObjectReader json;

    JdbcReplay(JdbcSourceProperties properties, RecordMapper mapper, Intake intake, DeadLetters deadLetters,
               ObjectMapper json) {
        this.sources = properties.jdbc();
        this.mapper = mapper;
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Where a row's dead letter came from: {@code jdbc/<name>/<kind>}. */
    private record Origin(String name, String kind) {

        static Optional<Origin> of(DeadLetter letter) {
            String origin = letter.origin();
            int kindAt = origin.lastIndexOf('/');
            if (!JdbcPoll.SOURCE.equals(letter.source()) || !origin.startsWith(PREFIX) || kindAt <= PREFIX.length()) {
                return Optional.empty();
            }
            return Optional.of(new Origin(origin.substring(PREFIX.length(), kindAt), origin.substring(kindAt + 1)));
        }
    }

    @Override
    public boolean handles(DeadLetter letter) {
        return Origin.of(letter).isPresent();
    }

    @Override
    public Optional<String> unreplayable(DeadLetter letter) {
        Origin origin = Origin.of(letter).orElseThrow();
        JdbcSource source = sources.get(origin.name());
        if (source == null) {
            return Optional.of("its source '" + origin.name() + "' is no longer configured (tenure.sources.jdbc."
                    + origin.name() + "), so there is no mapping to read the row with");
        }
        if (!source.recordKind().label().equals(origin.kind())) {
            return Optional.of("its source '" + origin.name() + "' now reads " + source.recordKind().label()
                    + " (tenure.sources.jdbc." + origin.name() + ".kind), and the row was read as " + origin.kind());
        }
        return Optional.empty();
    }

    @Override
    public IntakeResult replay(DeadLetter letter) {
        Origin origin = Origin.of(letter).orElseThrow();
        JdbcRows rows = new JdbcRows(origin.name(), sources.get(origin.name()), mapper);
        List<RecordError> errors;
        ObjectNode row = parse(letter.record());
        if (row == null) {
            errors = List.of(new RecordError(origin.name() + " row", "row", "not a JSON object"));
        } else {
            String label = rows.label(row);
            Mapping mapping = rows.map(label, row);
            errors = mapping.errors();
            if (mapping.valid()) {
                try {
                    Batch.Builder batch = new Batch.Builder();
                    mapping.records().forEach(record -> batch.add(label, record));
                    return intake.accept(batch.build());
                } catch (RejectedRecordsException e) {
                    errors = e.errors();
                }
            }
        }
        deadLetters.record(List.of(rows.letter(letter.record(), errors)));
        throw new RejectedRecordsException(errors);
    }

    private ObjectNode parse(String text) {
        try {
            JsonNode tree = json.readTree(text);
            return tree instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
