package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a CSV file as records: the first row is the header, each later row becomes an object of
 * strings keyed by it, so CSV and JSON records are mapped by the same code. Empty cells are left out,
 * which the mapping reads as "absent".
 */
final class CsvLines implements SourceLines {

    private final CsvParser parser;
    private final List<String> header;

    CsvLines(BufferedReader in) throws IOException {
        this.parser = new CsvParser(in);
        this.header = readHeader();
    }

    private List<String> readHeader() throws IOException {
        CsvParser.Row row = parser.next();
        if (row == null) {
            return List.of();
        }
        if (row.problem() != null) {
            throw new UnreadableFileException("the header (line " + row.line() + ") cannot be read: " + row.problem());
        }
        List<String> names = row.fields().stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new UnreadableFileException("the header (line " + row.line() + ") has an empty column name");
            }
            if (!seen.add(name)) {
                throw new UnreadableFileException("the header (line " + row.line() + ") names '" + name + "' twice");
            }
        }
        return names;
    }

    @Override
    public SourceLine next() throws IOException {
        CsvParser.Row row = parser.next();
        if (row == null) {
            return null;
        }
        if (row.problem() != null) {
            return SourceLine.problem(row.line(), row.text(), "csv: " + row.problem());
        }
        if (row.fields().size() != header.size()) {
            return SourceLine.problem(row.line(), row.text(),
                    "csv: " + row.fields().size() + " fields, the header has " + header.size());
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            if (!row.fields().get(i).isBlank()) {
                record.put(header.get(i), row.fields().get(i));
            }
        }
        return SourceLine.of(row.line(), row.text(), record);
    }
}
