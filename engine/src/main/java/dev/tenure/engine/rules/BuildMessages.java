package dev.tenure.engine.rules;

import org.kie.api.builder.Message;

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

    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):\\s*$", Pattern.MULTILINE);
    private static final Pattern RULE_NAME = Pattern.compile("\\[Rule name='([^']*)'");

    private BuildMessages() {
    }

    static RuleProblem problem(Message message, Map<String, DrlSource> byBuildPath) {
        String path = relative(message.getPath());
        String text = message.getText().strip();
        DrlSource source = byBuildPath.get(path);
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
