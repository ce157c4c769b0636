package dev.tenure.connectors.files;

import dev.tenure.connectors.records.FieldNames;
import dev.tenure.connectors.records.RecordKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The file drop's settings ({@code tenure.files.*}).
 *
 * @param inbox      the folder watched for {@code <kind>*.csv|jsonl|ndjson}; read files move to its
 *                   {@code done/} subfolder, unreadable ones to {@code error/}
 * @param pollDelay  how long the route waits between two looks at the inbox
 * @param settleTime how long a file must stay unchanged before it is read, so a file still being
 *                   copied in is not read half-written
 * @param chunkSize  how many records go to the engine in one transaction
 * @param writers    how many chunks are stored at once (each on its own connection) while the next is read,
 *                   and how many threads evaluate the file's accounts at its end
 * @param mappings   per kind, our field name to the file's header (or JSON field) for exports that use
 *                   their own names: {@code mappings.usage.occurredAt=event_time}; a value starting with
 *                   {@code =} is a constant every record of the kind gets: {@code mappings.accounts.stage: "=ADOPTION"}
 */
@ConfigurationProperties("tenure.files")
public record FileDropProperties(@DefaultValue("inbox") String inbox,
                                 @DefaultValue("5s") Duration pollDelay,
                                 @DefaultValue("1s") Duration settleTime,
                                 @DefaultValue("5000") int chunkSize,
                                 @DefaultValue("2") int writers,
                                 Map<String, Map<String, String>> mappings) {

    public FileDropProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("tenure.files.chunk-size must be at least 1, was " + chunkSize);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("tenure.files.writers must be at least 1, was " + writers);
        }
        mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
        mappings.keySet().forEach(kind -> RecordKind.named(kind).orElseThrow(() -> new IllegalArgumentException(
                "tenure.files.mappings." + kind + ": '" + kind + "' is not a kind; one of " + RecordKind.names())));
        mappings.forEach((kind, names) -> new FieldNames(names).check(RecordKind.named(kind).orElseThrow(),
                "tenure.files.mappings." + kind));
    }

    /** The file's names for our fields, for files of this kind. */
    public FieldNames fieldNames(RecordKind kind) {
        return mappings.entrySet().stream()
                .filter(e -> RecordKind.named(e.getKey()).orElseThrow() == kind)
                .findFirst().map(e -> new FieldNames(e.getValue())).orElse(FieldNames.none());
    }

    /** A plain path on disk; bound as a Path, a web application would read it as a servlet resource. */
    public Path inboxPath() {
        return Path.of(inbox);
    }
}
