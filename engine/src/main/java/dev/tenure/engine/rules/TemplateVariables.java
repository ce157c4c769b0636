package dev.tenure.engine.rules;

import dev.tenure.engine.rules.TemplateModel.Absent;
import dev.tenure.engine.rules.TemplateModel.Facts;
import dev.tenure.engine.rules.TemplateModel.Fields;
import dev.tenure.engine.rules.TemplateModel.Shape;
import dev.tenure.engine.rules.TemplateModel.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the variables an email template or a play's task text reads: {@code ${account.name}},
 * {@code [[${facts.usageTrend.changePct}]]}. An unknown name or field would otherwise show only when a
 * play reaches that step, days later, as a failed email or task; here it is told with file, line and column.
 * <p>
 * It reads Thymeleaf's {@code ${...}} expressions in {@code th:*} attributes and in inlined
 * {@code [[...]]} and {@code [(...)]}, and checks plain paths exactly: each name, each field after a dot.
 * What it cannot follow it leaves alone rather than guess: selections and projections ({@code .?[...]},
 * {@code .![...]}), inline lists and maps, anything after an index ({@code [0]}) or a method call, and the
 * names {@code th:each}, {@code th:with} and {@code th:fragment} declare. {@code T(...)} and {@code new} are
 * refused: templates read the model, they do not reach classes.
 */
final class TemplateVariables {

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?<![\\w-])(?:th|data-th)[:-]([\\w-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern INLINED = Pattern.compile("\\[\\[(.*?)]]|\\[\\((.*?)\\)]", Pattern.DOTALL);
    private static final Pattern EACH = Pattern.compile("^\\s*([\\w$]+)\\s*(?:,\\s*([\\w$]+)\\s*)?:");
    private static final Pattern WITH = Pattern.compile("(?:^|,)\\s*([\\w$]+)\\s*=");
    private static final Pattern FRAGMENT_ARGS = Pattern.compile("\\(([^)]*)\\)");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w$#@.?'])([A-Za-z_][\\w$]*+)((?:\\s*\\??\\.\\s*[A-Za-z_][\\w$]*+)*)");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][\\w$]*");
    private static final Pattern UNFOLLOWABLE = Pattern.compile("\\.[?!^$]\\s*\\[|\\{");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern CLASS_ACCESS = Pattern.compile("(?<![\\w$])T\\s*\\(|(?<![\\w$.])new\\s+[A-Za-z_]");
    private static final Set<String> WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div",
            "mod", "instanceof", "matches", "between", "true", "false", "null");

    private final TemplateModel model;

    TemplateVariables(TemplateModel model) {
        this.model = model;
    }

    /** The problems in a template or play file, each at its line and column. */
    List<RuleProblem> check(RuleFile file) {
        String text = file.content();
        TextLines lines = new TextLines(text);
        Set<String> declared = declaredNames(text);
        List<RuleProblem> problems = new ArrayList<>();
        for (int[] region : regions(text)) {
            int at = text.indexOf("${", region[0]);
            while (at >= 0 && at < region[1]) {
                int end = closingBrace(text, at + 2, region[1]);
                if (end < 0) {
                    break;
                }
                for (Finding f : checkExpression(text.substring(at + 2, end), at + 2, declared)) {
                    problems.add(new RuleProblem(file.path(), lines.line(f.offset()), lines.column(f.offset()), f.message()));
                }
                at = text.indexOf("${", end);
            }
        }
        return problems;
    }

    /** Where Thymeleaf evaluates expressions: th:* attribute values and inlined [[...]] / [(...)]. */
    private static List<int[]> regions(String text) {
        List<int[]> regions = new ArrayList<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            int group = a.group(2) != null ? 2 : 3;
            regions.add(new int[] {a.start(group), a.end(group)});
        }
        Matcher i = INLINED.matcher(text);
        while (i.find()) {
            int group = i.group(1) != null ? 1 : 2;
            regions.add(new int[] {i.start(group), i.end(group)});
        }
        return regions;
    }

    /** Names a template declares for itself; their uses are not checked. */
    private static Set<String> declaredNames(String text) {
        Set<String> names = new HashSet<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            String value = a.group(2) != null ? a.group(2) : a.group(3);
            switch (a.group(1)) {
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
                case "fragment" -> FRAGMENT_ARGS.matcher(value).results()
                        .forEach(r -> SEGMENT.matcher(r.group(1)).results().forEach(s -> names.add(s.group())));
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

    private List<Finding> checkExpression(String expression, int offset, Set<String> declared) {
        String code = LITERAL.matcher(expression).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher classAccess = CLASS_ACCESS.matcher(code);
        if (classAccess.find()) {
            return List.of(new Finding(offset + classAccess.start(), "T(...) and new are not allowed in "
                    + model.audience() + ": they may read only " + String.join(", ", model.roots().keySet())));
        }
        if (UNFOLLOWABLE.matcher(code).find()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Matcher m = PATH.matcher(code);
        while (m.find()) {
            List<String> segments = SEGMENT.matcher(m.group()).results().map(r -> r.group()).toList();
            if (WORDS.contains(segments.get(0)) || declared.contains(segments.get(0))) {
                continue;
            }
            if (nextChar(code, m.end()) == '(') {
                // A method call: the path is checked up to the object it is called on.
                segments = segments.subList(0, segments.size() - 1);
            }
            if (!segments.isEmpty()) {
                String problem = problem(segments);
                if (problem != null) {
                    findings.add(new Finding(offset + m.start(), problem + " (in ${" + expression.strip() + "})"));
                }
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

    private static char nextChar(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }
}
