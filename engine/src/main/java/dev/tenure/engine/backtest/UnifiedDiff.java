package dev.tenure.engine.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unified diff of rule set files (paths as under the rules folder, {@code a/} and {@code b/} prefixes, three
 * lines of context), as {@code git apply} or {@code patch -p1} take it. The tuner edits numbers in place, so
 * old and new files have the same lines; files whose line count differs are shown as one hunk replacing all.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of every file of {@code after} that differs from {@code before}, in path order. */
    static String of(Map<String, String> before, Map<String, String> after) {
        StringBuilder diff = new StringBuilder();
        RuleSetEdits.changed(before, after).forEach((path, content) -> diff.append(of(path, before.getOrDefault(path, ""), content)));
        return diff.toString();
    }

    static String of(String path, String before, String after) {
        String[] old = lines(before);
        String[] now = lines(after);
        Side was = new Side(old, before.endsWith("\n"));
        Side is = new Side(now, after.endsWith("\n"));
        StringBuilder diff = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n");
        if (old.length != now.length || was.broken != is.broken) {
            diff.append("@@ -1,").append(old.length).append(" +1,").append(now.length).append(" @@\n");
            for (int i = 0; i < old.length; i++) {
                was.line(diff, '-', i);
            }
            for (int i = 0; i < now.length; i++) {
                is.line(diff, '+', i);
            }
            return diff.toString();
        }
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < old.length; i++) {
            if (!old[i].equals(now[i])) {
                changed.add(i);
            }
        }
        int next = 0;
        while (next < changed.size()) {
            int first = changed.get(next);
            int last = first;
            while (next + 1 < changed.size() && changed.get(next + 1) - last <= 2 * CONTEXT) {
                last = changed.get(++next);
            }
            next++;
            int from = Math.max(0, first - CONTEXT);
            int to = Math.min(old.length - 1, last + CONTEXT);
            int count = to - from + 1;
            diff.append("@@ -").append(from + 1).append(',').append(count).append(" +").append(from + 1).append(',')
                    .append(count).append(" @@\n");
            hunk(diff, was, is, from, to);
        }
        return diff.toString();
    }

    /** The lines [from, to]: context as it is, each run of changed lines as removed then added, as diff tools write it. */
    private static void hunk(StringBuilder diff, Side was, Side is, int from, int to) {
        String[] old = was.lines;
        String[] now = is.lines;
        int i = from;
        while (i <= to) {
            if (old[i].equals(now[i])) {
                was.line(diff, ' ', i);
                i++;
                continue;
            }
            int end = i;
            while (end <= to && !old[end].equals(now[end])) {
                end++;
            }
            for (int j = i; j < end; j++) {
                was.line(diff, '-', j);
            }
            for (int j = i; j < end; j++) {
                is.line(diff, '+', j);
            }
            i = end;
        }
    }

    /**
     * One side of a diff: its lines, and whether its text ends with a line break. A last line without one is followed
     * by git's marker, as diff tools write it: without it, {@code git apply} and {@code patch} look for a last line
     * that ends with a break and refuse the diff of a file saved without one (from a text box, say).
     */
    private record Side(String[] lines, boolean broken) {

        void line(StringBuilder diff, char sign, int index) {
            diff.append(sign).append(lines[index]).append('\n');
            if (index == lines.length - 1 && !broken) {
                diff.append("\\ No newline at end of file\n");
            }
        }
    }

    /** A file's lines; a final line break does not make an empty last line. */
    private static String[] lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.isEmpty() ? new String[0] : body.split("\n", -1);
    }
}
