package dev.tenure.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Why a rule set cannot be used: file (under the rules folder), line, column (0 when not known), message. */
public record RuleProblem(String file, int line, int column, String message) {

    /**
     * At most this many problems are told of one rule set, and one more counts the rest: a file of a million
     * characters can hold a hundred thousand bad lines, and each problem is stored with a rejected version, logged
     * and answered.
     */
    public static final int MOST = 100;

    private static final Pattern MORE = Pattern.compile("and (\\d+) more problem\\(s\\) not listed; .*");

    /** The first {@link #MOST} problems and, when there are more, one counting the rest. */
    public static List<RuleProblem> firstOf(List<RuleProblem> problems) {
        if (problems.size() <= MOST || count(problems) > problems.size()) {
            return List.copyOf(problems);
        }
        List<RuleProblem> first = new ArrayList<>(problems.subList(0, MOST));
        first.add(new RuleProblem("", 0, 0, "and " + (problems.size() - MOST)
                + " more problem(s) not listed; fix the ones above and check again to see the rest"));
        return List.copyOf(first);
    }

    /** How many problems a list {@link #firstOf} made stands for: its own, or the rest its last one counts as well. */
    public static int count(List<RuleProblem> told) {
        if (told.size() == MOST + 1) {
            Matcher more = MORE.matcher(told.get(MOST).message());
            if (told.get(MOST).file().isEmpty() && more.matches()) {
                return MOST + Integer.parseInt(more.group(1));
            }
        }
        return told.size();
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
