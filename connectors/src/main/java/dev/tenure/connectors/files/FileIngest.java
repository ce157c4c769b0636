package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.records.FieldNames;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.engine.intake.ImportedHistory;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Intake;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Reads one dropped file record by record: the kind comes from the file name, the format from its
 * extension; good records go to the engine in chunks, bad lines become dead letters with their line.
 */
@Component
class FileIngest {

    private static final Logger log = LoggerFactory.getLogger(FileIngest.class);

    private final RecordMapper mapper;
    private final Intake intake;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final FileDropProperties properties;
    private final ExecutorService writers;
    private final ImportedHistory history;

    FileIngest(RecordMapper mapper, Intake intake, DeadLetters deadLetters, ObjectMapper json,
               FileDropProperties properties) {
        this(mapper, intake, deadLetters, json, properties, ImportedHistory.NONE);
    }

    @Autowired
    FileIngest(RecordMapper mapper, Intake intake, DeadLetters deadLetters, ObjectMapper json,
               FileDropProperties properties, ImportedHistory history) {
        this.history = history;
        this.mapper = mapper;
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.json = json;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.writers(), work -> {
            Thread t = new Thread(work, "tenure-file-writer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }

    FileReport ingest(String fileName, InputStream content) throws IOException {
        return ingest(fileName, null, content);
    }

    /**
     * @param writtenAt when the file was last changed (null: unknown): what its rows say was so then, which dates a
     *                  ticket row that is open again after its solve when the row has no time of its own for it
     */
    FileReport ingest(String fileName, Instant writtenAt, InputStream content) throws IOException {
        RecordKind kind = RecordKind.prefixOf(fileName).orElseThrow(() -> new UnreadableFileException(
                "'" + fileName + "' does not start with a known kind; accepted names are " + acceptedNames()));
        FileFormat format = FileFormat.of(fileName).orElseThrow(() -> new UnreadableFileException(
                "'" + fileName + "' is not .csv, .jsonl or .ndjson; accepted names are " + acceptedNames()));
        FieldNames names = properties.fieldNames(kind);
        ChunkedIntake chunks = new ChunkedIntake(intake, deadLetters, fileName, properties.chunkSize(), writers,
                properties.writers());
        List<String> notes = List.of();
        try (BufferedReader in = utf8(content)) {
            SourceLines lines = format.open(in, json);
            // Said once for the file and before its lines are read, so a long file's warning comes while it is read.
            notes = names.lookAlikes(kind, lines.header());
            notes.forEach(note -> log.warn("{}: {}", fileName, note));
            for (SourceLine line = lines.next(); line != null; line = lines.next()) {
                take(kind, names, fileName, writtenAt, line, chunks);
            }
        } catch (CharacterCodingException e) {
            // The lines read before the bad bytes are good: they are stored, and the file goes to error/.
            chunks.finish();
            throw new UnreadableFileException("'" + fileName + "' is not UTF-8 text (" + chunks.report(kind, notes).records()
                    + " records before the first bad byte were read)", e);
        }
        chunks.finish();
        FileReport report = chunks.report(kind, notes);
        if (report.accepted() > 0) {
            // An export of the past leaves days no evaluation scored; the backfill decides whether it is old enough.
            history.stored(chunks.oldestSignal(), fileName);
        }
        return report;
    }

    private void take(RecordKind kind, FieldNames names, String fileName, Instant writtenAt, SourceLine line,
                      ChunkedIntake chunks) {
        if (line.problem() != null) {
            chunks.reject(line.line(), line.text(), line.problem());
            return;
        }
        String label = fileName + " line " + line.line();
        Mapping mapping = mapper.map(kind, label, names.apply(line.record()), ChunkedIntake.SOURCE, writtenAt);
        if (mapping.valid()) {
            chunks.add(line.line(), line.text(), label, mapping.records());
        } else {
            chunks.reject(line.line(), line.text(), mapping.errors());
        }
    }

    /** Strict UTF-8, so a file in another encoding fails loudly instead of storing garbled names. */
    private static BufferedReader utf8(InputStream content) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        // A byte order mark (spreadsheet exports write one) is not part of the first column's name.
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    static String acceptedNames() {
        return Arrays.stream(RecordKind.values()).map(k -> k.label() + "*.csv")
                .collect(Collectors.joining(", ")) + " (or .jsonl, .ndjson instead of .csv)";
    }
}
