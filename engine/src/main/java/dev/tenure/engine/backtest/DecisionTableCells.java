package dev.tenure.engine.backtest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and edits the parameter cells of a decision table written as CSV, line by line, so everything else in
 * the file (notes, other tables, quoting) stays as written. A table is the line {@code RuleTable <name>},
 * then the lines of column kinds, fact types, code and column titles, then one line per rule until a blank
 * line or the next table. Rows are lines: a cell holding a line break is not supported here.
 */
final class DecisionTableCells {

    /** Lines from {@code RuleTable} to the column titles. */
    private static final int TITLES = 4;

    private DecisionTableCells() {
    }

    /** Where the knob's cells are: the lines of the rows, and the column. */
    private record Cells(List<Integer> lines, int column) {
    }

    static double current(String text, Knob.TableCells knob) {
        String[] lines = text.split("\n", -1);
        Cells cells = locate(lines, knob);
        int first = cells.lines().get(0);
        List<String> values = values(cells(strip(lines[first])).get(cells.column()), knob, first);
        return number(values.get(Math.max(0, knob.parameter() - 1)), knob, first);
    }

    static String set(String text, Knob.TableCells knob, double value) {
        String[] lines = text.split("\n", -1);
        Cells cells = locate(lines, knob);
        for (int index : cells.lines()) {
            String line = lines[index];
            boolean cr = line.endsWith("\r");
            List<String> row = cells(cr ? line.substring(0, line.length() - 1) : line);
            List<String> values = new ArrayList<>(values(row.get(cells.column()), knob, index));
            int at = Math.max(0, knob.parameter() - 1);
            number(values.get(at), knob, index);
            values.set(at, RuleSetEdits.number(value));
            row.set(cells.column(), String.join(",", values));
            lines[index] = join(row) + (cr ? "\r" : "");
        }
        return String.join("\n", lines);
    }

    /** The cells' numbers the knob sets: file, line (from 1), column and which value of the cell. */
    static Set<String> numbers(String text, Knob.TableCells knob) {
        Cells cells = locate(text.split("\n", -1), knob);
        Set<String> numbers = new LinkedHashSet<>();
        for (int index : cells.lines()) {
            numbers.add(knob.file() + ":" + (index + 1) + ": column " + (cells.column() + 1) + ", value " + Math.max(1, knob.parameter()));
        }
        return numbers;
    }

    private static Cells locate(String[] lines, Knob.TableCells knob) {
        int start = -1;
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String first = cells(strip(lines[i])).get(0).strip();
            if (first.startsWith("RuleTable ")) {
                String name = first.substring("RuleTable ".length()).strip();
                tables.add(name);
                if (name.equals(knob.table())) {
                    start = i;
                }
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException(knob.file() + " has no table '" + knob.table() + "'; its tables: "
                    + String.join(", ", tables));
        }
        if (start + TITLES >= lines.length) {
            throw new IllegalArgumentException(knob.file() + ": table '" + knob.table() + "' has no column titles");
        }
        List<String> titles = cells(strip(lines[start + TITLES]));
        List<Integer> matching = new ArrayList<>();
        for (int c = 0; c < titles.size(); c++) {
            if (titles.get(c).strip().toLowerCase(Locale.ROOT).startsWith(knob.column().strip().toLowerCase(Locale.ROOT))) {
                matching.add(c);
            }
        }
        if (matching.size() != 1) {
            throw new IllegalArgumentException(knob.file() + ": table '" + knob.table() + "' has " + (matching.isEmpty() ? "no" : "more than one")
                    + " column whose title starts with '" + knob.column() + "'; its titles: " + String.join(" | ", titles));
        }
        List<Integer> rows = new ArrayList<>();
        List<String> unmatched = new ArrayList<>(knob.rows());
        for (int i = start + TITLES + 1; i < lines.length; i++) {
            List<String> row = cells(strip(lines[i]));
            if (row.stream().allMatch(String::isBlank) || row.get(0).strip().startsWith("RuleTable ")) {
                break;
            }
            boolean chosen = knob.rows().isEmpty() || row.stream().anyMatch(cell -> knob.rows().contains(cell.strip()));
            if (chosen) {
                rows.add(i);
                row.forEach(cell -> unmatched.remove(cell.strip()));
            }
        }
        if (rows.isEmpty() || !unmatched.isEmpty()) {
            throw new IllegalArgumentException(knob.file() + ": table '" + knob.table() + "' has no row with "
                    + (unmatched.isEmpty() ? "any cell" : "a cell " + String.join(", ", unmatched)));
        }
        return new Cells(rows, matching.get(0));
    }

    /** The values of a cell ({@code 35,3} holds two), checked against the knob's parameter. */
    private static List<String> values(String cell, Knob.TableCells knob, int line) {
        List<String> values = List.of(cell.split(",", -1));
        if (knob.parameter() == 0 && values.size() > 1) {
            throw new IllegalArgumentException(knob.file() + ":" + (line + 1) + ": the cell '" + cell + "' in column '" + knob.column()
                    + "' holds " + values.size() + " values: say which with parameter: 1 to " + values.size());
        }
        if (knob.parameter() > values.size()) {
            throw new IllegalArgumentException(knob.file() + ":" + (line + 1) + ": the cell '" + cell + "' in column '" + knob.column()
                    + "' holds " + values.size() + " value" + (values.size() == 1 ? "" : "s") + ", so it has no parameter "
                    + knob.parameter());
        }
        return values;
    }

    private static double number(String cell, Knob.TableCells knob, int line) {
        try {
            return Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(knob.file() + ":" + (line + 1) + ": '" + cell + "' in column '" + knob.column()
                    + "' is not a number, so it cannot be tuned");
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The cells of one CSV line (RFC 4180 quoting). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static String join(List<String> cells) {
        List<String> written = new ArrayList<>();
        for (String cell : cells) {
            written.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", written);
    }
}
