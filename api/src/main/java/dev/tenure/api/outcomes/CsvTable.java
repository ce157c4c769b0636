package dev.tenure.api.outcomes;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A CSV document (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break). A text cell that a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe:
 * account names come from outside. The one place the API writes CSV tables; other packages use it too.
 */
public final class CsvTable {

    private final StringBuilder text = new StringBuilder();

    public CsvTable(List<String> header) {
        row(header.stream().map(h -> (Object) h).toList());
    }

    public CsvTable row(List<?> cells) {
        text.append(cells.stream().map(CsvTable::cell).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        String s = value.toString();
        if (value instanceof CharSequence && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
