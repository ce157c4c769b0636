package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** How a dropped file is written, told by its extension. */
enum FileFormat {
    CSV,
    JSON_LINES;

    static Optional<FileFormat> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of(JSON_LINES);
        }
        return Optional.empty();
    }

    SourceLines open(BufferedReader in, ObjectMapper json) throws IOException {
        return this == CSV ? new CsvLines(in) : new JsonLines(in, json);
    }
}
