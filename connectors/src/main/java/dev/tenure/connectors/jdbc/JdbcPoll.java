package dev.tenure.connectors.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One poll of one source: lock its watermark, read the rows past it in watermark order, hand the good
 * ones to the engine, dead-letter the bad ones with the row and the reason, and move the watermark.
 * The lock ({@code FOR UPDATE SKIP LOCKED}) makes one node poll a source at a time; another node's
 * poll meanwhile skips. The engine's own transaction commits before the watermark moves, so a crash in
 * between reads those rows again, and the engine recognises their event ids.
 */
final class JdbcPoll {

    static final String SOURCE = "jdbc";

    /** What a poll did, for the log. */
    record Outcome(boolean skipped, int rows, int accepted, int duplicates, int deadLettered) {
    }

    private record Row(String label, String text, List<Object> records) {
    }

    /** The watermark row, locked by this poll; no watermark before the first row was read. */
    private record Locked(Watermark watermark) {
    }

    private final String name;
    private final JdbcSource source;
    private final JdbcTemplate warehouse;
    private final JdbcClient jdbc;
    private final TransactionTemplate lockHolder;
    private final TransactionTemplate outsideLock;
    private final Intake intake;
    private final DeadLetters deadLetters;
    private final JdbcRows reading;
    private final WarehouseRows rows;
    private final ObjectMapper json;

    JdbcPoll(String name, JdbcSource source, JdbcTemplate warehouse, JdbcClient jdbc, TransactionTemplate transaction,
             Intake intake, DeadLetters deadLetters, RecordMapper mapper, ObjectMapper json) {
        this.name = name;
        this.source = source;
        this.warehouse = warehouse;
        this.jdbc = jdbc;
        this.lockHolder = new TransactionTemplate(transaction.getTransactionManager());
        // The engine's transaction must be its own: a refused batch would otherwise doom the lock's.
        this.outsideLock = new TransactionTemplate(transaction.getTransactionManager());
        this.outsideLock.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.reading = new JdbcRows(name, source, mapper);
        this.rows = new WarehouseRows(reading.origin(), "tenure.sources.jdbc." + name + ".zone", source.zoneId());
        this.json = json;
    }

    String origin() {
        return reading.origin();
    }

    Outcome poll() {
        return lockHolder.execute(tx -> {
            jdbc.sql("INSERT INTO jdbc_source_watermark (source) VALUES (?) ON CONFLICT DO NOTHING").param(name).update();
            Optional<Locked> locked = jdbc.sql("""
                            SELECT watermark, watermark_type FROM jdbc_source_watermark WHERE source = ?
                            FOR UPDATE SKIP LOCKED""").param(name)
                    .query((rs, n) -> new Locked(rs.getString(1) == null ? null
                            : new Watermark(rs.getString(1), rs.getString(2)))).optional();
            if (locked.isEmpty()) {
                return new Outcome(true, 0, 0, 0, 0);
            }
            List<Map<String, Object>> rows = read(Optional.ofNullable(locked.get().watermark()));
            List<Map<String, Object>> taken = complete(rows, source.watermarkColumn(), source.batchSize());
            Outcome outcome = outsideLock.execute(inner -> ingest(taken));
            if (!taken.isEmpty()) {
                Watermark last = Watermark.of(taken.get(taken.size() - 1).get(source.watermarkColumn()));
                jdbc.sql("""
                                UPDATE jdbc_source_watermark SET watermark = ?, watermark_type = ?,
                                       rows_read = rows_read + ?, polled_at = now() WHERE source = ?""")
                        .params(last.value(), last.type(), taken.size(), name).update();
            }
            return outcome;
        });
    }

    private List<Map<String, Object>> read(Optional<Watermark> after) {
        String column = source.watermarkColumn();
        String select = "SELECT * FROM " + source.table();
        String order = " ORDER BY " + column + " LIMIT " + source.batchSize();
        return after.isEmpty()
                ? warehouse.query(select + " WHERE " + column + " IS NOT NULL" + order, rows)
                : warehouse.query(select + " WHERE " + column + " > ?" + order, rows, after.get().parameter());
    }

    /**
     * The rows whose watermark value was read completely. When a full batch ends inside a run of equal
     * values (many rows with the same {@code updated_at}), the rest of the run is past the limit: the
     * run is left for the next poll, which reads all of it.
     */
    static List<Map<String, Object>> complete(List<Map<String, Object>> rows, String column, int batchSize) {
        if (rows.size() < batchSize) {
            return rows;
        }
        Object last = rows.get(rows.size() - 1).get(column);
        int end = rows.size();
        while (end > 0 && Objects.equals(rows.get(end - 1).get(column), last)) {
            end--;
        }
        // A whole batch of one value: take it, or the source would never move (make batch-size larger).
        return end == 0 ? rows : rows.subList(0, end);
    }

    private Outcome ingest(List<Map<String, Object>> rows) {
        List<Row> good = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            ObjectNode record = asJson(row);
            String text = record.toString();
            String label = reading.label(record);
            Mapping mapping = reading.map(label, record);
            if (mapping.valid()) {
                good.add(new Row(label, text, mapping.records()));
            } else {
                letters.add(reading.letter(text, mapping.errors()));
            }
        }
        int accepted = 0;
        int duplicates = 0;
        if (!good.isEmpty()) {
            try {
                var result = intake.accept(batchOf(good));
                accepted = result.accepted();
                duplicates = result.duplicates();
            } catch (RejectedRecordsException refused) {
                // One row naming an unknown account should cost only that row.
                for (Row row : good) {
                    try {
                        var result = intake.accept(batchOf(List.of(row)));
                        accepted += result.accepted();
                        duplicates += result.duplicates();
                    } catch (RejectedRecordsException e) {
                        letters.add(reading.letter(row.text(), e.errors()));
                    }
                }
            }
        }
        if (!letters.isEmpty()) {
            deadLetters.record(letters);
        }
        return new Outcome(false, rows.size(), accepted, duplicates, letters.size());
    }

    private ObjectNode asJson(Map<String, Object> row) {
        ObjectNode node = json.createObjectNode();
        row.forEach((column, value) -> {
            if (value == null) {
                node.putNull(column);
            } else if (value instanceof Instant at) {
                node.put(column, at.toString());
            } else if (value instanceof WarehouseRows.WallTime wall) {
                node.put(column, wall.instant().toString());
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                node.put(column, ((Number) value).longValue());
            } else if (value instanceof BigDecimal d) {
                node.put(column, d);
            } else if (value instanceof Boolean b) {
                node.put(column, b);
            } else {
                node.put(column, value.toString());
            }
        });
        return node;
    }

    private static Batch batchOf(List<Row> rows) {
        Batch.Builder batch = new Batch.Builder();
        rows.forEach(r -> r.records().forEach(record -> batch.add(r.label(), record)));
        return batch.build();
    }
}
