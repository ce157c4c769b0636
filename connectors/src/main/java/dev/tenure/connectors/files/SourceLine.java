package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of a file as read: where it starts, its text as written (for a dead letter), and either
 * the record or the reason it could not be read ("csv: ...", "json: ...").
 */
record SourceLine(int line, String text, JsonNode record, String problem) {

    static SourceLine of(int line, String text, JsonNode record) {
        return new SourceLine(line, text, record, null);
    }

    static SourceLine problem(int line, String text, String problem) {
        return new SourceLine(line, text, null, problem);
    }
}
