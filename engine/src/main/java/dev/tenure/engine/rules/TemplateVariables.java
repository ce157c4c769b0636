package dev.tenure.engine.rules;

import dev.tenure.engine.rules.TemplateModel.Absent;
import dev.tenure.engine.rules.TemplateModel.Facts;
import dev.tenure.engine.rules.TemplateModel.Fields;
import dev.tenure.engine.rules.TemplateModel.Shape;
import dev.tenure.engine.rules.TemplateModel.Value;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.unbescape.html.HtmlEscape;

import java.io.IOException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what an email template or a play's task text may evaluate: {@code ${account.name}},
 * {@code [[${facts.usageTrend.changePct}]]}. An unknown name or field would otherwise show only when a
 * play reaches that step, days later, as a failed email or task; here it is told with file, line and column.
 * <p>
 * An allowlist over every place Thymeleaf evaluates: each {@code th:*} (or {@code data-th-*}) attribute,
 * quoted or not, and inlined {@code [[...]]}. Allowed are the attributes {@value #ATTRIBUTES_ALLOWED}, and in
 * them only variable expressions {@code ${...}} made of paths over the documented model, literals and
 * operators. Everything else is refused where it stands: other attributes ({@code th:utext},
 * {@code th:attr}, event handlers...), selection, message, link and fragment expressions ({@code *{}},
 * {@code #{}}, {@code @{}}, {@code ~{}}), preprocessing ({@code __...__}), unescaped inlining
 * ({@code [(...)]}), and inside an expression method calls, indexing, selections and projections,
 * utility objects ({@code #strings}), bean references, {@code T(...)} and {@code new}: templates read the
 * model, they do not call code. The names {@code th:each} and {@code th:with} declare are the template's own.
 * <p>
 * Each place is read as Thymeleaf reads it: character references ({@code &#36;}, {@code &dollar;}) decoded.
 */
final class TemplateVariables {

    static final String ATTRIBUTES_ALLOWED = "th:text, th:if, th:unless, th:each, th:with, th:href, th:remove";
    private static final Set<String> ATTRIBUTES = Set.of("text", "if", "unless", "each", "with", "href", "remove");

    private static final Pattern ANY_ATTRIBUTE = Pattern.compile("(?<![\\w-])(?:th:|data-th-)([\\w-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?<![\\w-])(?:th|data-th)[:-]([\\w-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern EACH = Pattern.compile("^\\s*([\\w$]+)\\s*(?:,\\s*([\\w$]+)\\s*)?:");
    private static final Pattern WITH = Pattern.compile("(?:^|,)\\s*([\\w$]+)\\s*=");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w$#@.?'])([A-Za-z_][\\w$]*+)((?:\\s*\\??\\.\\s*[A-Za-z_][\\w$]*+)*)");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][\\w$]*");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    /** Outside ${...} in an evaluated place: the other expression kinds and preprocessing. */
    private static final Pattern OTHER_EXPRESSION = Pattern.compile("[*#@~]\\s*\\{|__");
    /** Inside ${...}: what reaches code rather than the model. */
    private static final Pattern REACHES_CODE = Pattern.compile(
            "(?<![\\w$])T\\s*\\(|(?<![\\w$.])new(?![\\w$])|[\\w$)\\]]\\s*\\(|[\\[\\]{}#@$]|\\?\\s*\\[");
    private static final Pattern OPERATOR_WORDS = Pattern.compile("(?<![\\w$.])(?:and|or|not|eq|ne|lt|gt|le|ge|div|mod)(?![\\w$])");
    private static final Set<String> WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div",
            "mod", "true", "false", "null");

    private static final YAMLFactory YAML = new YAMLFactory();

    private final TemplateModel model;

    TemplateVariables(TemplateModel model) {
        this.model = model;
    }

    /**
     * The problems in a template or play file, each at its line and column. A play is checked value by value
     * as YAML reads it (escapes such as {@code \x5B} or an escaped line break decoded): that text, not the
     * file's, is what Thymeleaf fills in. A play YAML cannot read is checked as written (PlayFiles says why).
     */
    List<RuleProblem> check(RuleFile file) {
        String text = file.content();
        TextLines lines = new TextLines(text);
        List<Finding> findings = new ArrayList<>();
        List<Scalar> values = file.isPlay() ? scalars(text) : null;
        if (values == null) {
            find(text, declaredNames(text), findings);
        } else {
            Set<String> declared = new HashSet<>();
            values.forEach(v -> declared.addAll(declaredNames(v.text())));
            for (Scalar v : values) {
                List<Finding> found = new ArrayList<>();
                find(v.text(), declared, found);
                found.forEach(f -> findings.add(new Finding(v.inFile(text, f.offset()), f.message())));
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Finding f : findings) {
            problems.add(new RuleProblem(file.path(), lines.line(f.offset()), lines.column(f.offset()), f.message()));
        }
        return problems;
    }

    /** A string value of a YAML file as YAML reads it, and the offset in the file where it starts. */
    private record Scalar(String text, int offset) {

        /**
         * Where the value's character at {@code k} is in the file: exactly when the value (or its line) is
         * written there as read; otherwise (an escape, a folded line) where the value starts.
         */
        int inFile(String file, int k) {
            for (int base : new int[] {offset, offset + 1}) {
                if (file.startsWith(text, base)) {
                    return base + k;
                }
            }
            int from = text.lastIndexOf('\n', k - 1) + 1;
            int to = text.indexOf('\n', k);
            String line = text.substring(from, to < 0 ? text.length() : to);
            int at = line.isEmpty() ? -1 : file.indexOf(line, offset);
            return at >= 0 ? at + k - from : offset;
        }
    }

    /** The string values of a YAML text, or null when it cannot be read. */
    private static List<Scalar> scalars(String text) {
        List<Integer> lineStarts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        List<Scalar> values = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    JsonLocation at = parser.currentTokenLocation();
                    int line = Math.max(1, Math.min(at.getLineNr(), lineStarts.size()));
                    int offset = Math.min(text.length(), lineStarts.get(line - 1) + Math.max(0, at.getColumnNr() - 1));
                    values.add(new Scalar(parser.getText(), offset));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return values;
    }

    /** Finds, in one text, what Thymeleaf would evaluate there that templates may not; offsets are the text's. */
    private void find(String text, Set<String> declared, List<Finding> findings) {
        Matcher a = ANY_ATTRIBUTE.matcher(text);
        while (a.find()) {
            String name = a.group(1).toLowerCase(java.util.Locale.ROOT);
            boolean element = a.start() > 0 && (text.charAt(a.start() - 1) == '<' || text.charAt(a.start() - 1) == '/');
            if (element) {
                if (!name.equals("block")) {
                    findings.add(new Finding(a.start(), "<th:" + name + "> is not allowed in " + model.audience()
                            + "; only <th:block> and the attributes " + ATTRIBUTES_ALLOWED));
                }
                continue;
            }
            if (!ATTRIBUTES.contains(name)) {
                findings.add(new Finding(a.start(), "th:" + name + " is not allowed in " + model.audience()
                        + "; use " + ATTRIBUTES_ALLOWED));
            }
            int[] value = value(text, a.end());
            if (value != null) {
                checkRegion(text, value[0], value[1], declared, findings);
            }
        }
        for (int start = text.indexOf('['); start >= 0 && start + 1 < text.length(); start = text.indexOf('[', start + 1)) {
            char kind = text.charAt(start + 1);
            if (kind != '[' && kind != '(') {
                continue;
            }
            int end = inlinedEnd(text, start + 2, kind == '[' ? ']' : ')');
            if (end < 0) {
                continue;
            }
            if (kind == '(') {
                findings.add(new Finding(start, "unescaped inlining [(...)] is not allowed in " + model.audience()
                        + "; write [[...]]"));
            } else {
                checkRegion(text, start + 2, end, declared, findings);
            }
            start = end + 1;
        }
    }

    /**
     * Where an inlined expression opened before {@code from} ends, as Thymeleaf's inliner finds it: the first
     * {@code ]]} (or {@code )]}) outside a {@code '...'} or {@code "..."} literal; -1 when it never ends
     * (then Thymeleaf leaves the text as it is).
     */
    private static int inlinedEnd(String text, int from, char close) {
        boolean inSingle = false;
        boolean inDouble = false;
        for (int i = from; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && !inSingle) {
                inDouble = !inDouble;
            } else if (c == '\'' && !inDouble) {
                inSingle = !inSingle;
            } else if (c == close && !inSingle && !inDouble && text.charAt(i + 1) == ']') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the value of the attribute whose name ends at {@code from} lies: quoted, or unquoted up to the
     * next space or end of tag (HTML lets an attribute value go unquoted, and Thymeleaf evaluates it all
     * the same). Null for an attribute without a value.
     */
    private static int[] value(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '=') {
            return null;
        }
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length()) {
            return null;
        }
        char quote = text.charAt(i);
        if (quote == '"' || quote == '\'') {
            int close = text.indexOf(quote, i + 1);
            return new int[] {i + 1, close < 0 ? text.length() : close};
        }
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
                && !text.startsWith("/>", end) && !text.startsWith("/]", end) && text.charAt(end) != ']') {
            end++;
        }
        return new int[] {i, end};
    }

    /**
     * Checks one evaluated place: only ${...} expressions, literals and operators. Thymeleaf decodes the
     * character references of an attribute value and of an inlined expression ({@code &#36;}, {@code &dollar;})
     * before it reads the expression, so the place is checked as decoded, each finding told where it is in the file.
     */
    private void checkRegion(String text, int start, int end, Set<String> declared, List<Finding> findings) {
        String raw = text.substring(start, end);
        Decoded decoded = Decoded.of(raw);
        if (decoded == null) {
            findings.add(new Finding(start, "a character reference (&...;) here cannot be read as Thymeleaf reads it:"
                    + " write the character itself"));
            return;
        }
        String region = decoded.text();
        List<Finding> found = new ArrayList<>();
        String code = LITERAL.matcher(region).replaceAll(m -> " ".repeat(m.group().length()));
        int at = 0;
        boolean ends = true;
        StringBuilder outside = new StringBuilder(code);
        while (ends && (at = code.indexOf("${", at)) >= 0) {
            int close = closingBrace(code, at + 2, code.length());
            if (close < 0) {
                found.add(new Finding(at, "an expression that does not end: ${ without its }"));
                ends = false;
                continue;
            }
            found.addAll(checkExpression(region.substring(at + 2, close), code.substring(at + 2, close), at + 2, declared));
            for (int k = at; k <= close; k++) {
                outside.setCharAt(k, ' ');
            }
            at = close + 1;
        }
        Matcher other = OTHER_EXPRESSION.matcher(outside);
        if (ends && other.find()) {
            found.add(new Finding(other.start(), "only ${...} variable expressions over the model are allowed in "
                    + model.audience() + ": *{...}, #{...}, @{...}, ~{...} and __preprocessing__ are not"));
        }
        found.forEach(f -> findings.add(new Finding(start + decoded.rawOffset(f.offset()), f.message())));
    }

    /**
     * A text with its HTML character references decoded as Thymeleaf decodes them (unbescape's
     * {@code HtmlEscape}), and for each decoded character the offset it came from. Null when decoding the
     * references one by one does not give what Thymeleaf gets from the whole text.
     */
    private record Decoded(String text, int[] raw) {

        private static final Pattern REFERENCE = Pattern.compile("&(?:#[xX][0-9a-fA-F]*|#[0-9]*|[A-Za-z][A-Za-z0-9]*);?");

        static Decoded of(String raw) {
            if (raw.indexOf('&') < 0) {
                int[] same = new int[raw.length() + 1];
                for (int i = 0; i <= raw.length(); i++) {
                    same[i] = i;
                }
                return new Decoded(raw, same);
            }
            StringBuilder text = new StringBuilder();
            List<Integer> from = new ArrayList<>();
            Matcher m = REFERENCE.matcher(raw);
            int i = 0;
            while (i < raw.length()) {
                if (raw.charAt(i) == '&' && m.find(i) && m.start() == i) {
                    String decoded = HtmlEscape.unescapeHtml(m.group());
                    for (int k = 0; k < decoded.length(); k++) {
                        text.append(decoded.charAt(k));
                        from.add(i);
                    }
                    i = m.end();
                } else {
                    text.append(raw.charAt(i));
                    from.add(i++);
                }
            }
            from.add(raw.length());
            if (!text.toString().equals(HtmlEscape.unescapeHtml(raw))) {
                return null;
            }
            return new Decoded(text.toString(), from.stream().mapToInt(Integer::intValue).toArray());
        }

        int rawOffset(int offset) {
            return raw[Math.max(0, Math.min(offset, raw.length - 1))];
        }
    }

    /** Names a template declares for itself; their uses are not checked. */
    private static Set<String> declaredNames(String text) {
        Set<String> names = new HashSet<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            String value = a.group(2) != null ? a.group(2) : a.group(3);
            switch (a.group(1).toLowerCase(java.util.Locale.ROOT)) {
                case "each" -> {
                    Matcher m = EACH.matcher(value);
                    if (m.find()) {
                        names.add(m.group(1));
                        names.add(m.group(1) + "Stat");
                        if (m.group(2) != null) {
                            names.add(m.group(2));
                        }
                    }
                }
                case "with" -> WITH.matcher(value).results().forEach(r -> names.add(r.group(1)));
                default -> { }
            }
        }
        return names;
    }

    /** The offset of the '}' closing an expression that starts at {@code from}, or -1. */
    private static int closingBrace(String text, int from, int limit) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /**
     * One ${...}: paths over the model, literals and operators only. {@code code} is the expression with
     * its string literals blanked out.
     */
    private List<Finding> checkExpression(String expression, String code, int offset, Set<String> declared) {
        // Word operators are not names a call could follow: "not (a lt b)" is no method call.
        Matcher reaches = REACHES_CODE.matcher(OPERATOR_WORDS.matcher(code).replaceAll(w -> " ".repeat(w.group().length())));
        if (reaches.find()) {
            return List.of(new Finding(offset + reaches.start(), "only paths over the model, literals and operators are "
                    + "allowed in " + model.audience() + " (no method calls, indexing, selections, #utilities, "
                    + "@beans, T(...) or new): they may read " + String.join(", ", model.roots().keySet())
                    + " (in ${" + expression.strip() + "})"));
        }
        List<Finding> findings = new ArrayList<>();
        Matcher m = PATH.matcher(code);
        while (m.find()) {
            List<String> segments = SEGMENT.matcher(m.group()).results().map(r -> r.group()).toList();
            if (WORDS.contains(segments.get(0)) || declared.contains(segments.get(0))) {
                continue;
            }
            String problem = problem(segments);
            if (problem != null) {
                findings.add(new Finding(offset + m.start(), problem + " (in ${" + expression.strip() + "})"));
            }
        }
        return findings;
    }

    /** What is wrong with a path such as account.name, or null if it leads somewhere. */
    private String problem(List<String> path) {
        Shape shape = model.roots().get(path.get(0));
        if (shape == null) {
            return "unknown variable '" + path.get(0) + "': " + model.audience() + " may read "
                    + String.join(", ", model.roots().keySet());
        }
        String where = path.get(0);
        for (int i = 1; i <= path.size(); i++) {
            if (shape instanceof Absent absent) {
                return absent.why();
            }
            if (i == path.size()) {
                return null;
            }
            String next = path.get(i);
            if (shape instanceof Fields fields) {
                shape = fields.fields().get(next);
                if (shape == null) {
                    return "'" + where + "' has no field '" + next + "': it has " + String.join(", ", fields.fields().keySet());
                }
            } else if (shape instanceof Facts facts) {
                shape = facts.byName().get(next.replaceFirst("(?<=\\D)[2-9]\\d*$", ""));
                if (shape == null) {
                    return "facts has no '" + next + "': the facts a rule matched are named after their type, "
                            + String.join(", ", facts.byName().keySet()) + " (a second one of a type: usageTrend2)";
                }
            } else if (shape instanceof Value value) {
                return "'" + where + "' is " + value.kind() + ", it has no field '" + next + "'";
            }
            where = where + "." + next;
        }
        return null;
    }
}
