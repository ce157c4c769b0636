package dev.tenure.engine.rules;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a CSV decision table (rows of thresholds CS ops edit in a spreadsheet) into the DRL it stands
 * for, each generated line traced back to the table's line: a rule to its row, the package, imports and
 * globals to their RuleSet, Import and Variables lines. The generated DRL, not the table, is what is
 * checked and compiled, so what the sandbox read is exactly what Drools builds, and Drools' errors (which
 * for a table resource carry no line at all) land on a row.
 */
public final class DecisionTables {

    private static final Pattern RULE_ROW = Pattern.compile("^\\s*// rule values at [A-Z]+(\\d+)");
    private static final Pattern CELL = Pattern.compile("cells?\\W{0,3}[A-Z]{1,3}(\\d{1,7})\\b");
    /** The first word of a generated line and the keyword cell of the table it comes from. */
    private static final Map<String, String> HEADER_KEYWORDS = Map.of("package", "ruleset", "import", "import",
            "global", "variables", "function", "functions", "query", "queries", "declare", "declare", "unit", "unit");

    /**
     * The DRL a table stands for, exactly as the compiler builds it, for readers of a rule set's rules
     * (such as scenario failures explaining what a rule needs). Empty when the table cannot be read as a
     * decision table; the compiler tells why, at its line.
     */
    public Optional<String> drl(RuleFile table) {
        return Optional.ofNullable(toDrl(table, new ArrayList<>())).map(DrlSource::text);
    }

    /** The table's DRL, or null with a problem added when the table cannot be read as a decision table. */
    DrlSource toDrl(RuleFile table, List<RuleProblem> problems) {
        String csv = table.content().startsWith("\uFEFF") ? table.content().substring(1) : table.content();
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    InputType.CSV);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            problems.add(new RuleProblem(table.path(), cellLine(message), 0, "decision table: " + message));
            return null;
        }
        String[] csvLines = csv.split("\r?\n", -1);
        List<RuleProblem> unclosed = unclosedQuotes(table.path(), csvLines);
        if (!unclosed.isEmpty()) {
            problems.addAll(unclosed);
            return null;
        }
        problems.addAll(ignoredValues(table.path(), csvLines));
        int[] rows = rows(drl, csvLines);
        return new DrlSource(table, drl, line -> line < rows.length ? rows[line] : 0);
    }

    /**
     * A line with a quote that is not closed on it: Drools reads a table line by line, so the cell would run
     * into the cells after it and the rule be built from a mix of them (told, if at all, without a line).
     */
    private static List<RuleProblem> unclosedQuotes(String file, String[] lines) {
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].chars().filter(c -> c == '"').count() % 2 != 0) {
                problems.add(new RuleProblem(file, i + 1, 0, "decision table: a quote (\") is not closed"
                        + " on this line; a cell is quoted whole on one line, a quote inside it written twice (\"\")"));
            }
        }
        return problems;
    }

    /**
     * Values Drools would drop without a word: a CONDITION or ACTION column whose code row is blank
     * turns its values into nothing (a threshold column becomes a bare {@code TicketLoad()}, true for
     * every account).
     */
    private static List<RuleProblem> ignoredValues(String file, String[] lines) {
        CsvLineParser parser = new CsvLineParser();
        List<List<String>> cells = new ArrayList<>();
        for (String line : lines) {
            cells.add(parser.parse(line));
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (int t = 0; t + 4 < cells.size(); t++) {
            int first = tableStart(cells.get(t));
            if (first < 0) {
                continue;
            }
            List<String> types = cells.get(t + 1);
            List<String> code = cells.get(t + 3);
            for (int row = t + 5; row < cells.size() && !blank(cells.get(row)); row++) {
                for (int column = first; column < types.size(); column++) {
                    String type = cell(types, column).toUpperCase(Locale.ROOT);
                    boolean takesValues = type.startsWith("CONDITION") || type.startsWith("ACTION")
                            || type.equals("C") || type.equals("A");
                    if (takesValues && cell(code, column).isEmpty() && !cell(cells.get(row), column).isEmpty()) {
                        problems.add(new RuleProblem(file, row + 1, 0, "decision table: '" + cell(cells.get(row), column)
                                + "' in column " + (char) ('A' + Math.min(column, 25)) + " would be ignored: the column has"
                                + " no code on line " + (t + 4) + " to put it in"));
                    }
                }
            }
        }
        return problems;
    }

    private static int tableStart(List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i).strip().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(String::isBlank);
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column).strip() : "";
    }

    /** Drools names cells as in a spreadsheet ("C12"); the row is the CSV line. */
    private static int cellLine(String message) {
        Matcher m = CELL.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** For each line of the generated DRL (1-based), the line of the table it comes from. */
    private static int[] rows(String drl, String[] csvLines) {
        String[] lines = drl.split("\n", -1);
        int[] rows = new int[lines.length + 1];
        int current = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher rule = RULE_ROW.matcher(lines[i]);
            String firstWord = lines[i].strip().split("\\s+", 2)[0];
            if (rule.find()) {
                current = Integer.parseInt(rule.group(1));
            } else if (HEADER_KEYWORDS.containsKey(firstWord)) {
                current = keywordLine(csvLines, HEADER_KEYWORDS.get(firstWord), current);
            }
            rows[i + 1] = current;
        }
        return rows;
    }

    private static int keywordLine(String[] csvLines, String keyword, int otherwise) {
        for (int i = 0; i < csvLines.length; i++) {
            for (String cell : csvLines[i].split(",")) {
                String word = cell.strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (word.equals(keyword) || keyword.equals("declare") && word.equals("declares")) {
                    return i + 1;
                }
            }
        }
        return otherwise;
    }
}
