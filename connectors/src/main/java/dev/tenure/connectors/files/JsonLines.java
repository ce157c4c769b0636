package dev.tenure.connectors.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.tenure.connectors.records.SourceJson;
import java.io.BufferedReader;
import java.io.IOException;

/** The lines of a JSON Lines file (one JSON object per line), each parsed on its own. */
final class JsonLines implements SourceLines {

    private final FileLines in;
    private final ObjectReader json;
    private int linesRead;

    JsonLines(BufferedReader in, ObjectMapper mapper) {
        this.in = new FileLines(in);
        this.json = SourceJson.reader(mapper);
    }

    @Override
    public SourceLine next() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            linesRead++;
        } while (line.isBlank() && !in.cut());
        if (in.cut()) {
            return SourceLine.problem(linesRead, line, "json: the line is " + in.length() + " characters long; at most "
                    + in.max() + " are read (its start is kept here)");
        }
        try {
            JsonNode record = SourceJson.read(json, line);
            if (!record.isObject()) {
                return SourceLine.problem(linesRead, line, "json: not a JSON object");
            }
            return SourceLine.of(linesRead, line, record);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String column = at == null ? "" : " (column " + at.getColumnNr() + ")";
            return SourceLine.problem(linesRead, line, "json: " + e.getOriginalMessage() + column);
        }
    }
}
