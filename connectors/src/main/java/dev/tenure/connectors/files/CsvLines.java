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
    /**
     * Empty names the header ends with: a trailing comma, as spreadsheets write one after the last name, is an empty
     * column rather than a broken header. Left out while its cells are empty.
     */
    private final int unnamed;

    CsvLines(BufferedReader in) throws IOException {
        this.parser = new CsvParser(in);
        CsvParser.Row row = parser.next();
        List<String> names = row == null ? List.of() : names(row);
        int named = names.size();
        while (named > 0 && names.get(named - 1).isEmpty()) {
            named--;
        }
        // A header of no name at all is no header: its empty names are refused below as any other.
        this.header = named == 0 ? names : names.subList(0, named);
        this.unnamed = names.size() - header.size();
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isEmpty()) {
                throw new UnreadableFileException("the header (line " + row.line() + ") has an empty column name");
            }
            if (!seen.add(name)) {
                throw new UnreadableFileException("the header (line " + row.line() + ") names '" + name + "' twice");
            }
        }
    }

    private static List<String> names(CsvParser.Row header) {
        if (header.problem() != null) {
            throw new UnreadableFileException("the header (line " + header.line() + ") cannot be read: " + header.problem());
        }
        return header.fields().stream().map(String::trim).toList();
    }

    @Override
    public List<String> header() {
        return header;
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
        int fields = row.fields().size();
        // A row may end where the names do, or go on to the unnamed columns, written empty as the header's were.
        if (fields < header.size() || fields > header.size() + unnamed) {
            return SourceLine.problem(row.line(), row.text(), "csv: " + fields + " fields, the header has " + header.size()
                    + (unnamed == 0 ? "" : " and " + unnamed + " unnamed at its end"));
        }
        for (int i = header.size(); i < fields; i++) {
            if (!row.fields().get(i).isBlank()) {
                return SourceLine.problem(row.line(), row.text(),
                        "csv: a value in column " + (i + 1) + ", which the header leaves unnamed");
            }
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
