package dev.tenure.api.csv;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A CSV document (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break), and the one place the API and the pages write CSV. Account names, ids, CSMs and currencies come
 * from outside, so a text cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or
 * a carriage return: OWASP's list) gets a leading apostrophe. Whether a cell is a number is told by its type,
 * not its text: a {@link Number} is written as one ({@code -12.5} stays a number a spreadsheet can add up),
 * while a text that merely looks like one (an account id {@code -12}) is text like any other.
 */
public final class CsvTable {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What a number is written as; anything else a Number gives (NaN, Infinity) is written as text. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final StringBuilder text = new StringBuilder();

    public CsvTable(List<String> header) {
        row(header);
    }

    /**
     * One row. A cell is null (empty), a {@link Number} (an integer as it is, a {@link BigDecimal} in plain
     * notation, a Double to one decimal: the rates and days of the reports; give a BigDecimal for another
     * precision), or anything else, written as text by its {@code toString()}.
     */
    public CsvTable row(List<?> cells) {
        text.append(cells.stream().map(CsvTable::cell).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    /** The document as a download named {@code fileName}. */
    public ResponseEntity<String> download(String fileName) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(text.toString());
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String written = value instanceof Number n ? number(n) : null;
        if (written == null || !PLAIN_NUMBER.matcher(written).matches()) {
            written = neutralised(written == null ? value.toString() : written);
        }
        return written.contains(",") || written.contains("\"") || written.contains("\n") || written.contains("\r")
                ? "\"" + written.replace("\"", "\"\"") + "\"" : written;
    }

    private static String number(Number n) {
        if (n instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (n instanceof Double || n instanceof Float) {
            return String.format(Locale.ROOT, "%.1f", n.doubleValue());
        }
        return n.toString();
    }

    private static String neutralised(String s) {
        return !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
