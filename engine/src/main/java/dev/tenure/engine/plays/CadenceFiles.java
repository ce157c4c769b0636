package dev.tenure.engine.plays;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a play's {@code cadence:} section, with each problem at its line. */
final class CadenceFiles {

    private CadenceFiles() {
    }

    /**
     * The optional {@code cadence:} map: {@code every: 90d} (with {@code from: start}, the only anchor) or
     * {@code every: quarter}, or {@code before: renewal}; optionally {@code segment:} and {@code stage:},
     * each one name or a list.
     */
    static Cadence cadence(String file, String content, JsonNode node, List<PlayFileProblem> problems) {
        if (node == null) {
            return null;
        }
        int line = PlayFiles.lineOf(content, "cadence");
        if (!node.isObject() || node.isEmpty()) {
            problems.add(new PlayFileProblem(file, line,
                    "cadence must be a map with every: (90d or quarter) or before: renewal"));
            return null;
        }
        Cadence.Kind kind = null;
        int everyDays = 0;
        String every = PlayFiles.text(node, "every");
        String before = PlayFiles.text(node, "before");
        if ((every == null) == (before == null)) {
            problems.add(new PlayFileProblem(file, line, "cadence needs either every: (90d or quarter) or before: renewal"));
        } else if (every != null) {
            int at = Math.max(line, PlayFiles.lineOf(content, "every:", every));
            if (every.equalsIgnoreCase("quarter")) {
                kind = Cadence.Kind.QUARTER;
            } else {
                Span d = null;
                try {
                    d = Span.parse(every);
                } catch (IllegalArgumentException e) {
                    // reported below
                }
                if (d == null || d.days() < 1) {
                    problems.add(new PlayFileProblem(file, at, "cadence.every: '" + every
                            + "' is neither a whole number of days nor quarter; write 90d or quarter"));
                } else {
                    kind = Cadence.Kind.EVERY;
                    everyDays = d.days();
                }
            }
        } else if (!before.equalsIgnoreCase("renewal")) {
            problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, "before:", before)),
                    "cadence.before: '" + before + "' is not known; write before: renewal"));
        } else {
            kind = Cadence.Kind.RENEWAL;
        }
        String from = PlayFiles.text(node, "from");
        boolean everyDaysGiven = every != null && !every.equalsIgnoreCase("quarter");
        if (from != null && (!everyDaysGiven || !from.equalsIgnoreCase("start"))) {
            problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, "from:", from)), everyDaysGiven
                    ? "cadence.from: '" + from + "' is not known; occurrences are counted from start (account.startedOn)"
                    : "cadence.from applies only to every: <days>"));
        }
        Set<Segment> segments = names(file, content, line, node, "segment", Segment.class, problems);
        Set<Stage> stages = names(file, content, line, node, "stage", Stage.class, problems);
        if (stages.contains(Stage.CHURNED)) {
            problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, "stage", "CHURNED")),
                    "cadence.stage: churned accounts get no cadence (QBRs and renewals are for customers)"));
        }
        for (var fields = node.fieldNames(); fields.hasNext(); ) {
            String key = fields.next();
            if (!Set.of("every", "before", "from", "segment", "segments", "stage", "stages").contains(key)) {
                problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, key + ":")), "cadence." + key
                        + " is not known (every, from, before, segment, stage)"));
            }
        }
        return kind == null ? null : new Cadence(kind, everyDays, segments, stages);
    }

    /** {@code segment: HIGH_TOUCH} or {@code segments: [HIGH_TOUCH, LOW_TOUCH]}; spaces and case do not matter. */
    private static <E extends Enum<E>> Set<E> names(String file, String content, int line, JsonNode cadence, String field,
                                                   Class<E> type, List<PlayFileProblem> problems) {
        JsonNode node = cadence.has(field) ? cadence.get(field) : cadence.get(field + "s");
        Set<E> values = new HashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        for (String text : texts) {
            String name = text.strip().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
            try {
                values.add(Enum.valueOf(type, name));
            } catch (IllegalArgumentException e) {
                problems.add(new PlayFileProblem(file, Math.max(line, PlayFiles.lineOf(content, field, text)), "cadence." + field + ": '"
                        + text + "' is not one of " + Arrays.toString(type.getEnumConstants())));
            }
        }
        return values;
    }
}
