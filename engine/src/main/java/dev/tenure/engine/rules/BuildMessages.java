package dev.tenure.engine.rules;

import org.kie.api.builder.Message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' build errors as problems at a line of the file people edit. Some errors come without a line
 * (an expression Drools cannot analyse reports line -1); those are found by their expression's text, in
 * the rule the error names if it names one.
 */
final class BuildMessages {

    static final String RESOURCES = "src/main/resources/";
    private static final String GENERATED = "src/main/java/";
    private static final String IN_ERROR = " in error:";

    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):\\s*$", Pattern.MULTILINE);
    private static final Pattern RULE_NAME = Pattern.compile("\\[Rule name='([^']*)'");

    private BuildMessages() {
    }

    static RuleProblem problem(Message message, Map<String, DrlSource> byBuildPath) {
        return problem(message, byBuildPath, Map.of());
    }

    /**
     * {@code generatedSources}: the Java the executable model wrote, by path, from the messages that quote it;
     * an error in it is told at the DRL line its statement was written at.
     */
    static RuleProblem problem(Message message, Map<String, DrlSource> byBuildPath, Map<String, String> generatedSources) {
        String path = relative(message.getPath());
        String text = message.getText().strip();
        DrlSource source = byBuildPath.get(path);
        if (source == null && path.startsWith(GENERATED)) {
            return inGenerated(message, path, text, byBuildPath, generatedSources);
        }
        if (source == null) {
            return new RuleProblem(path, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0), text);
        }
        int line = message.getLine();
        int column = message.getColumn();
        if (line <= 0) {
            int at = locate(source.text(), text);
            if (at >= 0) {
                TextLines lines = new TextLines(source.text());
                line = lines.line(at);
                column = lines.column(at);
            }
        }
        return source.problem(line, column, text);
    }

    /** The generated Java's own sources, which Drools quotes in full in a message of their own. */
    static Map<String, String> generatedSources(List<Message> messages) {
        Map<String, String> sources = new HashMap<>();
        for (Message m : messages) {
            String text = m.getText();
            int start = text.indexOf(IN_ERROR);
            if (start >= 0) {
                sources.put(relative(m.getPath()), text.substring(start + IN_ERROR.length()).replaceFirst("^[^\\n]*\\n", ""));
            }
        }
        return sources;
    }

    /** True for the message that only quotes a generated source: the error itself has a message of its own. */
    static boolean quotesSource(Message message) {
        return message.getText().contains(IN_ERROR);
    }

    /** An error in the executable model's Java: at the DRL line of the statement it names, in a file of its package. */
    private static RuleProblem inGenerated(Message message, String path, String text, Map<String, DrlSource> byBuildPath,
                                           Map<String, String> generatedSources) {
        String java = generatedSources.get(path);
        String statement = null;
        if (java != null && message.getLine() > 0) {
            List<String> lines = java.lines().toList();
            statement = message.getLine() <= lines.size() ? lines.get(message.getLine() - 1).strip() : null;
        }
        String pkg = path.substring(GENERATED.length());
        pkg = pkg.contains("/") ? pkg.substring(0, pkg.indexOf('/')) : "";
        for (DrlSource candidate : byBuildPath.values()) {
            if (statement != null && !statement.isEmpty()) {
                int at = find(candidate.text(), statement);
                if (at >= 0) {
                    TextLines lines = new TextLines(candidate.text());
                    return candidate.problem(lines.line(at), lines.column(at), text);
                }
            }
        }
        for (DrlSource candidate : byBuildPath.values()) {
            if (candidate.text().contains("package " + pkg.replace('/', '.') + ";")) {
                return candidate.problem(0, 0, text);
            }
        }
        return new RuleProblem(path, 0, 0, text);
    }

    private static int find(String drl, String statement) {
        String[] words = statement.split("\\s+");
        StringBuilder loose = new StringBuilder();
        for (String word : words) {
            loose.append(loose.length() == 0 ? "" : "\\s*").append(Pattern.quote(word));
        }
        Matcher found = Pattern.compile(loose.toString()).matcher(drl);
        return found.find() ? found.start() : -1;
    }

    /** Where the expression an error quotes is written, or -1. */
    private static int locate(String drl, String error) {
        Matcher expression = EXPRESSION.matcher(error);
        if (!expression.find()) {
            return -1;
        }
        int from = 0;
        Matcher rule = RULE_NAME.matcher(error);
        if (rule.find()) {
            Matcher declared = Pattern.compile("rule\\s+[\"']" + Pattern.quote(rule.group(1)) + "[\"']").matcher(drl);
            from = declared.find() ? declared.end() : 0;
        }
        String[] words = expression.group(1).strip().split("\\s+");
        StringBuilder loose = new StringBuilder();
        for (String word : words) {
            loose.append(loose.length() == 0 ? "" : "\\s*").append(Pattern.quote(word));
        }
        Matcher found = Pattern.compile(loose.toString()).matcher(drl);
        return found.find(from) ? found.start() : -1;
    }

    static String relative(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
    }
}
