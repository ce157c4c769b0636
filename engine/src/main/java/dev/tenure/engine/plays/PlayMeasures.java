package dev.tenure.engine.plays;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.calendar.Span;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how a play is measured: {@code measure: { within: 30d }} (the goal is its {@code stopWhen:},
 * checked at that horizon) and {@code holdout: 10%}. Problems are told at their line.
 */
final class PlayMeasures {

    /** More than half of the eligible accounts left without the play is a typo, not an experiment. */
    static final int MOST_HELD_OUT = 50;
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%?");
    private static final String CONDITIONS = "usageBackTo, paymentReceived, npsAtLeast";

    private PlayMeasures() {
    }

    static Measurement measurement(String file, String content, JsonNode root, StopWhen stopWhen, Span cooldown,
                                   List<PlayFileProblem> problems) {
        boolean cadence = root.has("cadence");
        Span within = within(file, content, root.get("measure"), stopWhen, cadence, problems);
        int holdout = holdout(file, content, root.get("holdout"), within != null, cadence, problems);
        if (holdout > 0 && within != null && cooldown.compareTo(within) < 0) {
            // A held-out account drawn again before its horizon could get the play and spoil the comparison.
            problems.add(new PlayFileProblem(file, PlayFiles.lineOf(content, "holdout"), "a play that holds accounts out "
                    + "needs a cooldown at least as long as its horizon (measure.within), or a held-out account could get "
                    + "the play before its outcome is measured"));
        }
        return within == null ? Measurement.NONE : new Measurement(within, holdout);
    }

    private static Span within(String file, String content, JsonNode measure, StopWhen stopWhen, boolean cadence,
                                   List<PlayFileProblem> problems) {
        if (measure == null || measure.isNull()) {
            return null;
        }
        int line = PlayFiles.lineOf(content, "measure");
        if (!measure.isObject()) {
            problems.add(new PlayFileProblem(file, line,
                    "measure must be a map with the horizon of the goal, e.g. measure: { within: 30d }"));
            return null;
        }
        for (var fields = measure.fieldNames(); fields.hasNext(); ) {
            String key = fields.next();
            if (!key.equals("within")) {
                problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, key + ":")), "measure." + key
                        + " is not known: measure takes within: (the goal's conditions are stopWhen's: " + CONDITIONS + ")"));
            }
        }
        if (cadence) {
            problems.add(new PlayFileProblem(file, line,
                    "a play with a cadence is not measured: it runs for every occurrence, so there is nothing to compare it with"));
        }
        if (stopWhen.never()) {
            problems.add(new PlayFileProblem(file, line,
                    "measure needs a goal the engine can check: add stopWhen: with " + CONDITIONS));
        }
        if (!measure.hasNonNull("within")) {
            problems.add(new PlayFileProblem(file, line,
                    "measure needs within: how long after the start the goal is checked, e.g. measure: { within: 30d }"));
            return null;
        }
        String text = measure.get("within").asText();
        try {
            Span within = Span.parse(text);
            if (within.isZero()) {
                problems.add(new PlayFileProblem(file, PlayFiles.lineOf(content, "within", text),
                        "measure.within must be longer than 0d"));
                return null;
            }
            return within;
        } catch (IllegalArgumentException e) {
            problems.add(new PlayFileProblem(file, PlayFiles.lineOf(content, "within", text), "measure.within: " + e.getMessage()));
            return null;
        }
    }

    private static int holdout(String file, String content, JsonNode node, boolean measured, boolean cadence,
                               List<PlayFileProblem> problems) {
        if (node == null || node.isNull()) {
            return 0;
        }
        String text = node.asText();
        int line = PlayFiles.lineOf(content, "holdout");
        Matcher m = PERCENT.matcher(text.strip());
        if (!(node.isTextual() || node.isInt()) || !m.matches() || Integer.parseInt(m.group(1)) > MOST_HELD_OUT) {
            problems.add(new PlayFileProblem(file, line, "holdout must be a whole percentage from 0% to " + MOST_HELD_OUT
                    + "%, e.g. holdout: 10%, not '" + text + "'"));
            return 0;
        }
        int percent = Integer.parseInt(m.group(1));
        if (percent > 0 && cadence) {
            problems.add(new PlayFileProblem(file, line,
                    "a play with a cadence never holds accounts out: each occurrence (a QBR, a renewal) is owed to every account"));
        } else if (percent > 0 && !measured) {
            problems.add(new PlayFileProblem(file, line,
                    "holdout needs a measured goal to compare with: add stopWhen: and measure: { within: 30d }"));
        }
        return percent;
    }
}
