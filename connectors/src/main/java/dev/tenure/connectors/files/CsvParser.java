package dev.tenure.connectors.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits CSV text into rows as RFC 4180 writes them: fields separated by commas, a field in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""} for one). Reads one line at a
 * time; a row spanning lines (a quoted line break) is read on until its quote closes. Small enough
 * that a CSV library is not worth a dependency.
 */
final class CsvParser {

    /** A quote never closed would otherwise swallow the rest of the file into one row. */
    static final int MAX_ROW_CHARS = FileLines.MAX_CHARS;

    private final FileLines in;
    private int linesRead;

    CsvParser(BufferedReader in) {
        this.in = new FileLines(in);
    }

    /** A row as read: its first line number, its text, its fields or why it could not be split. */
    record Row(int line, String text, List<String> fields, String problem) {
    }

    /** The next row, or null at the end. Blank lines are skipped: they are never meant as records. */
    Row next() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            linesRead++;
        } while (line.isBlank() && !in.cut());
        if (in.cut()) {
            return problem(linesRead, line, "the line is " + in.length() + " characters long; at most " + MAX_ROW_CHARS
                    + " are read (its start is kept here)");
        }
        return split(line, linesRead);
    }

    private Row split(String firstLine, int lineNumber) throws IOException {
        if (firstLine.indexOf('"') < 0) {
            return new Row(lineNumber, firstLine, unquoted(firstLine), null);
        }
        StringBuilder text = new StringBuilder(firstLine);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String current = firstLine;
        boolean inQuotes = false;
        boolean quoteJustClosed = false;
        int i = 0;
        while (true) {
            if (i == current.length()) {
                if (!inQuotes) {
                    break;
                }
                current = in.readLine();
                if (current == null) {
                    return problem(lineNumber, text, "a quoted field is not closed");
                }
                linesRead++;
                text.append('\n').append(current);
                if (text.length() > MAX_ROW_CHARS) {
                    return problem(lineNumber, text, "a quoted field is not closed within " + MAX_ROW_CHARS + " characters");
                }
                field.append('\n');
                i = 0;
                continue;
            }
            char c = current.charAt(i++);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i < current.length() && current.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                    quoteJustClosed = true;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoteJustClosed = false;
            } else if (quoteJustClosed) {
                return problem(lineNumber, text, "unexpected '" + c + "' after a closing quote (column " + i + ")");
            } else if (c == '"' && field.isEmpty()) {
                inQuotes = true;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new Row(lineNumber, text.toString(), List.copyOf(fields), null);
    }

    /** Most exports quote nothing: such a line is cut at its commas, without looking at each character twice. */
    private static List<String> unquoted(String line) {
        List<String> fields = new ArrayList<>(8);
        int from = 0;
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', from)) {
            fields.add(line.substring(from, comma));
            from = comma + 1;
        }
        fields.add(line.substring(from));
        return Collections.unmodifiableList(fields);
    }

    private static Row problem(int line, CharSequence text, String problem) {
        return new Row(line, text.toString(), List.of(), problem);
    }
}
