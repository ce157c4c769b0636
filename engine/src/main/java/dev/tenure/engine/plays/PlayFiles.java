package dev.tenure.engine.plays;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.yaml.UnreadableYaml;
import dev.tenure.engine.yaml.YamlReading;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Parses play files and checks them against the templates of the same rule set, reporting each
 * problem with its file and line.
 */
public final class PlayFiles {

    private static final String BUSINESS_HOURS = "business-hours";
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    /** Steps of one play: each run writes a row for each, for every account it starts at. */
    static final int MAX_STEPS = 100;
    /** Items of one task's checklist: each task of the step carries them all. */
    static final int MAX_CHECKLIST_ITEMS = 100;
    /** Characters of a name, title, owner or checklist item: one line someone reads. */
    static final int MAX_SHORT_TEXT = 500;
    /** Characters of a goal or a task's details. */
    static final int MAX_LONG_TEXT = 10_000;

    private PlayFiles() {
    }

    /** Parses one play file; problems are added to {@code problems} and null returned if it is unusable. */
    public static PlayDefinition parse(String file, String id, String content, Set<String> templates,
                                       List<PlayFileProblem> problems) {
        JsonNode root;
        try {
            root = YamlReading.tree(content);
        } catch (UnreadableYaml e) {
            problems.add(new PlayFileProblem(file, e.line(), e.reason()));
            return null;
        }
        int before = problems.size();
        if (root == null || !root.isObject()) {
            problems.add(new PlayFileProblem(file, 1, "a play file is a YAML map with name, goal, cooldown and steps"));
            return null;
        }
        String name = text(root, "name");
        if (name == null) {
            problems.add(new PlayFileProblem(file, 1, "name is missing"));
        }
        bounded(file, () -> lineOf(content, "name:"), "", root, "name", MAX_SHORT_TEXT, problems);
        bounded(file, () -> lineOf(content, "goal:"), "", root, "goal", MAX_LONG_TEXT, problems);
        Cadence cadence = CadenceFiles.cadence(file, content, root.get("cadence"), problems);
        Span cooldown = duration(file, content, "", root, "cooldown", Span.ofDays(30), problems);
        if (root.has("cadence") && root.has("cooldown")) {
            problems.add(new PlayFileProblem(file, lineOf(content, "cooldown"),
                    "a play with a cadence has no cooldown: each occurrence runs once"));
        }
        List<StepDefinition> steps = new ArrayList<>();
        JsonNode stepNodes = root.path("steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            problems.add(new PlayFileProblem(file, lineOf(content, "steps"), "steps is missing or empty"));
        } else if (stepNodes.size() > MAX_STEPS) {
            problems.add(new PlayFileProblem(file, lineOf(content, "steps"), "a play has at most " + MAX_STEPS
                    + " steps, not " + stepNodes.size() + ": every run writes each of them for its account"));
        } else {
            for (int i = 0; i < stepNodes.size(); i++) {
                StepDefinition step = step(file, content, i, stepNodes.get(i), templates, root.has("cadence"), problems);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        StopWhen stopWhen = stopWhen(file, content, root.get("stopWhen"), problems);
        Measurement measurement = PlayMeasures.measurement(file, content, root, stopWhen, cooldown, problems);
        Audience audience = audience(file, content, root, problems);
        return problems.size() > before ? null
                : new PlayDefinition(id, name, text(root, "goal"), cooldown, List.copyOf(steps), stopWhen, cadence, measurement,
                audience);
    }

    /** The optional {@code accounts:} field: {@code active} (the default) or {@code churned}. */
    private static Audience audience(String file, String content, JsonNode root, List<PlayFileProblem> problems) {
        JsonNode node = root.get("accounts");
        if (node == null) {
            return Audience.ACTIVE;
        }
        int line = lineOf(content, "accounts:");
        String value = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
        Audience audience = switch (value) {
            case "active" -> Audience.ACTIVE;
            case "churned" -> Audience.CHURNED;
            default -> null;
        };
        if (audience == null) {
            problems.add(new PlayFileProblem(file, line, "accounts must be active (the default: customers) or churned"
                    + " (accounts that cancelled, e.g. a win-back play), not '" + node.asText() + "'"));
            return Audience.ACTIVE;
        }
        if (audience == Audience.CHURNED && root.has("cadence")) {
            problems.add(new PlayFileProblem(file, line, "a play with a cadence is for active accounts: churned accounts"
                    + " get no QBR or renewal routine"));
        }
        return audience;
    }

    /** The optional {@code stopWhen:} map; every key must be one the engine can check. */
    private static StopWhen stopWhen(String file, String content, JsonNode node, List<PlayFileProblem> problems) {
        if (node == null || node.isNull()) {
            return StopWhen.NEVER;
        }
        int line = lineOf(content, "stopWhen");
        if (!node.isObject() || node.isEmpty()) {
            problems.add(new PlayFileProblem(file, line,
                    "stopWhen must be a map with usageBackTo, paymentReceived or npsAtLeast"));
            return StopWhen.NEVER;
        }
        Integer usageBackTo = null;
        Boolean paymentReceived = null;
        Integer npsAtLeast = null;
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            int at = Math.max(line, lineOf(content, key + ":", value.asText()));
            switch (key) {
                case "usageBackTo" -> usageBackTo = whole(file, at, key, value, 1, 100, problems);
                case "npsAtLeast" -> npsAtLeast = whole(file, at, key, value, 0, 10, problems);
                case "paymentReceived" -> {
                    if (value.isBoolean() && value.asBoolean()) {
                        paymentReceived = true;
                    } else {
                        problems.add(new PlayFileProblem(file, at, "stopWhen.paymentReceived can only be true"));
                    }
                }
                default -> problems.add(new PlayFileProblem(file, at, "stopWhen." + key
                        + " is not a condition the engine can check (usageBackTo, paymentReceived, npsAtLeast)"));
            }
        }
        return new StopWhen(usageBackTo, paymentReceived, npsAtLeast);
    }

    private static Integer whole(String file, int line, String key, JsonNode value, int min, int max,
                                 List<PlayFileProblem> problems) {
        if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
            problems.add(new PlayFileProblem(file, line,
                    "stopWhen." + key + " must be a whole number from " + min + " to " + max + ", not '" + value.asText() + "'"));
            return null;
        }
        return value.asInt();
    }

    private static StepDefinition step(String file, String content, int index, JsonNode node, Set<String> templates,
                                       boolean cadence, List<PlayFileProblem> problems) {
        String where = "step " + (index + 1) + ": ";
        if (!node.isObject()) {
            problems.add(new PlayFileProblem(file, stepLine(content, index),
                    where + "a step is a map with type: task or email, not '" + node.asText() + "'"));
            return null;
        }
        String typeText = text(node, "type");
        StepType type;
        try {
            type = StepType.valueOf(String.valueOf(typeText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new PlayFileProblem(file, typeText == null ? stepLine(content, index) : lineOf(content, "type: " + typeText),
                    where + (typeText == null ? "type is missing; write type: task or type: email"
                            : "type '" + typeText + "' is not task or email")));
            return null;
        }
        Span delay = duration(file, content, where, node, "delay", Span.ZERO, problems);
        Span before = before(file, content, index, node, cadence, problems);
        SendWindow window = window(file, content, where, node, problems);
        if (type == StepType.TASK) {
            String title = text(node, "title");
            if (title == null) {
                problems.add(new PlayFileProblem(file, lineOf(content, "type: " + typeText), where + "a task needs a title"));
            }
            String priority = node.hasNonNull("priority") ? text(node, "priority").toUpperCase(Locale.ROOT) : "NORMAL";
            if (!Set.of("HIGH", "NORMAL", "LOW").contains(priority)) {
                problems.add(new PlayFileProblem(file, lineOf(content, "priority:"), where + "priority must be HIGH, NORMAL or LOW"));
            }
            String owner = node.hasNonNull("owner") ? text(node, "owner") : "csm";
            bounded(file, () -> fieldLine(content, index, "title:"), where, node, "title", MAX_SHORT_TEXT, problems);
            bounded(file, () -> fieldLine(content, index, "details:"), where, node, "details", MAX_LONG_TEXT, problems);
            bounded(file, () -> fieldLine(content, index, "owner:"), where, node, "owner", MAX_SHORT_TEXT, problems);
            if (!"csm".equalsIgnoreCase(owner) && RecordBounds.emailProblem(owner) != null && owner.length() <= MAX_SHORT_TEXT) {
                // Anything else would be a task in nobody's inbox.
                problems.add(new PlayFileProblem(file, fieldLine(content, index, "owner:"), where
                        + "owner must be csm (the account's CSM) or one person's email address, not '" + RecordBounds.shown(owner) + "'"));
            }
            JsonNode onlyIf = node.get("onlyIfPreviousDone");
            if (onlyIf != null && !onlyIf.isBoolean()) {
                problems.add(new PlayFileProblem(file, lineOf(content, "onlyIfPreviousDone:", onlyIf.asText()),
                        where + "onlyIfPreviousDone must be true or false, not '" + onlyIf.asText() + "'"));
            }
            return new StepDefinition(type, delay, owner, title, text(node, "details"), priority,
                    duration(file, content, where, node, "dueIn", Span.ofDays(3), problems), List.of(), null, window,
                    onlyIf != null && onlyIf.asBoolean(), before, checklist(file, content, index, node, problems));
        }
        if (node.has("checklist")) {
            problems.add(new PlayFileProblem(file, lineOf(content, "checklist"), where + "checklist applies to task steps only"));
        }
        if (node.has("onlyIfPreviousDone")) {
            problems.add(new PlayFileProblem(file, lineOf(content, "onlyIfPreviousDone"),
                    where + "onlyIfPreviousDone applies to task steps only"));
        }
        String template = text(node, "template");
        if (template == null || !templates.contains(template)) {
            problems.add(new PlayFileProblem(file, lineOf(content, "template: " + template),
                    where + (template == null ? "an email needs a template"
                            : "template '" + template + "' is not in rules/templates/")));
        }
        List<String> to = new ArrayList<>();
        JsonNode toNode = node.path("to");
        if (toNode.isArray()) {
            toNode.forEach(n -> to.add(n.asText()));
        } else if (toNode.isTextual()) {
            to.add(toNode.asText());
        }
        if (to.isEmpty()) {
            problems.add(new PlayFileProblem(file, lineOf(content, "template: " + template), where + "an email needs to: (contact roles)"));
        }
        for (String role : to) {
            if (!role.equalsIgnoreCase("csm") && !RoleNames.known(role)) {
                problems.add(new PlayFileProblem(file, lineOf(content, role), where + "'" + role
                        + "' is not a contact role (" + RoleNames.list() + ") or csm"));
            }
        }
        return new StepDefinition(type, delay, null, null, null, null, null, List.copyOf(to), template, window, false, before);
    }

    /** A step of a play with a cadence says how long before the occurrence it is due; other steps say delay. */
    private static Span before(String file, String content, int index, JsonNode node, boolean cadence,
                                   List<PlayFileProblem> problems) {
        String where = "step " + (index + 1) + ": ";
        if (!cadence) {
            if (node.has("before")) {
                problems.add(new PlayFileProblem(file, lineOf(content, "before:", node.get("before").asText()), where
                        + "before: is for plays with a cadence (before each occurrence); this play starts by a rule, use delay:"));
            }
            return null;
        }
        if (node.has("delay")) {
            problems.add(new PlayFileProblem(file, lineOf(content, "delay:", node.get("delay").asText()), where
                    + "a play with a cadence places its steps before each occurrence: write before: (e.g. before: 14d), not delay:"));
        }
        if (!node.hasNonNull("before")) {
            problems.add(new PlayFileProblem(file, stepLine(content, index), where
                    + "a step of a play with a cadence needs before: (how long before each occurrence, e.g. 14d or 0d)"));
            return Span.ZERO;
        }
        return duration(file, content, where, node, "before", Span.ZERO, problems);
    }

    /** A task's {@code checklist:}: a list of short texts the CSM ticks off. */
    private static List<String> checklist(String file, String content, int index, JsonNode node,
                                          List<PlayFileProblem> problems) {
        String where = "step " + (index + 1) + ": ";
        JsonNode list = node.get("checklist");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(new PlayFileProblem(file, lineOf(content, "checklist"),
                    where + "checklist must be a list of texts, e.g. [\"Call the champion\", \"Check the integrations\"]"));
            return List.of();
        }
        if (list.size() > MAX_CHECKLIST_ITEMS) {
            problems.add(new PlayFileProblem(file, fieldLine(content, index, "checklist"), where + "a checklist has at most "
                    + MAX_CHECKLIST_ITEMS + " items, not " + list.size()));
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(new PlayFileProblem(file, lineOf(content, "checklist"),
                        where + "checklist item " + (i + 1) + " must be a text, not '" + item + "'"));
            } else if (item.asText().strip().length() > MAX_SHORT_TEXT) {
                problems.add(new PlayFileProblem(file, fieldLine(content, index, "checklist"), where + "checklist item " + (i + 1)
                        + " is " + item.asText().strip().length() + " characters long; at most " + MAX_SHORT_TEXT));
            } else {
                items.add(item.asText().strip());
            }
        }
        return items;
    }

    /** Reads {@code window: business-hours}, {@code businessDays: true} and {@code at: "09:30"}. */
    private static SendWindow window(String file, String content, String where, JsonNode node, List<PlayFileProblem> problems) {
        boolean businessHours = false;
        String window = text(node, "window");
        if (window != null) {
            if (window.equals(BUSINESS_HOURS)) {
                businessHours = true;
            } else {
                problems.add(new PlayFileProblem(file, lineOf(content, "window:", window),
                        where + "window '" + window + "' is not known; write window: " + BUSINESS_HOURS));
            }
        }
        boolean businessDays = false;
        if (node.hasNonNull("businessDays")) {
            JsonNode days = node.get("businessDays");
            if (days.isBoolean()) {
                businessDays = days.asBoolean();
            } else {
                problems.add(new PlayFileProblem(file, lineOf(content, "businessDays:", days.asText()),
                        where + "businessDays must be true or false, not '" + days.asText() + "'"));
            }
        }
        LocalTime at = null;
        if (node.hasNonNull("at")) {
            JsonNode atNode = node.get("at");
            String text = atNode.asText();
            if (atNode.isTextual() && TIME_OF_DAY.matcher(text).matches()) {
                at = LocalTime.parse(text);
            } else {
                problems.add(new PlayFileProblem(file, lineOf(content, "at:", text), where + "at: '" + text
                        + "' is not a time of day; write it quoted, 24-hour, as \"09:30\""));
            }
            if (businessHours) {
                // Business hours are a setting of the installation; a fixed time could fall outside them.
                problems.add(new PlayFileProblem(file, lineOf(content, "at:", text),
                        where + "use either window: business-hours or at:, not both"));
            }
        }
        return new SendWindow(businessHours, businessDays, at);
    }

    private static Span duration(String file, String content, String where, JsonNode node, String field,
                                 Span otherwise, List<PlayFileProblem> problems) {
        if (!node.hasNonNull(field)) {
            return otherwise;
        }
        String text = node.get(field).asText();
        try {
            return Span.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new PlayFileProblem(file, lineOf(content, field + ":", text), where + field + ": " + e.getMessage()));
            return otherwise;
        }
    }

    /** A text longer than {@code max} characters is refused at its line; null (not given) is not. */
    /** A text field of {@code node}: a text (not a map or a list) of at most {@code max} characters. */
    private static void bounded(String file, IntSupplier line, String where, JsonNode node, String field, int max,
                                List<PlayFileProblem> problems) {
        JsonNode value = node.get(field);
        if (value != null && value.isContainerNode()) {
            problems.add(new PlayFileProblem(file, line.getAsInt(), where + field + " must be a text, not "
                    + (value.isArray() ? "a list" : "a map")));
            return;
        }
        String text = text(node, field);
        if (text != null && text.length() > max) {
            problems.add(new PlayFileProblem(file, line.getAsInt(), where + field + " is " + text.length()
                    + " characters long; at most " + max));
        }
    }

    /** The first line at or after the {@code index}-th step's {@code - } that mentions {@code needle}, else the first anywhere. */
    static int fieldLine(String content, int index, String needle) {
        int from = stepLine(content, index);
        String[] lines = content.split("\n", -1);
        for (int i = Math.max(from - 1, 0); i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return lineOf(content, needle);
    }

    /** The first line with both texts (a field and its value, when several steps have the field), else with the first. */
    static int lineOf(String content, String needle, String value) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle) && lines[i].substring(lines[i].indexOf(needle)).contains(value)) {
                return i + 1;
            }
        }
        return lineOf(content, needle);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The line where the {@code index}-th item of {@code steps:} begins (its {@code - }), else 0. */
    static int stepLine(String content, int index) {
        String[] lines = content.split("\n", -1);
        int seen = -1;
        String indent = null;
        boolean inSteps = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!inSteps) {
                inSteps = line.startsWith("steps:");
                continue;
            }
            String stripped = line.stripLeading();
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("-") && !line.startsWith("#")) {
                return 0;
            }
            if (stripped.startsWith("- ") || stripped.equals("-")) {
                String own = line.substring(0, line.length() - stripped.length());
                if (indent == null) {
                    indent = own;
                }
                if (own.equals(indent) && ++seen == index) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The first line mentioning {@code needle}: YAML trees keep no positions, the text does. */
    static int lineOf(String content, String needle) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }
}
