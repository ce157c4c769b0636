package dev.tenure.engine.scenarios;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.yaml.UnreadableYaml;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads scenario files (a YAML list of scenarios; the format is in rules/README.md) and reports every
 * problem with its file and line: bad YAML, unknown fields, unknown segments, stages, roles,
 * priorities, events, milestones and plays, times that are not times, values beyond the intake's bounds.
 */
public final class ScenarioFiles {

    private static final List<String> SCENARIO = List.of("scenario", "now", "account", "contacts", "signals", "milestones",
            "running", "ended", "previousHealth", "expect");
    private static final List<String> ACCOUNT = List.of("id", "name", "segment", "stage", "csm", "arr", "plan", "startedOn",
            "renewalOn", "timezone");
    private static final List<String> CONTACT = List.of("role", "email", "name", "timezone", "active", "unsubscribed");
    private static final List<String> EXPECT = List.of("plays", "playsInclude", "playsExclude", "milestones", "stage",
            "healthBand");
    private static final List<String> RUN = List.of("play", "started");
    private static final List<String> MILESTONE = List.of("type", "at");
    private static final Moment YESTERDAY = Moment.parse("-1d");

    private ScenarioFiles() {
    }

    /**
     * Reads one file. {@code plays} are the play ids of the rule set, to check the names a scenario uses;
     * {@code expectRequired} is false for a dry run; {@code runsAt} is the current time the scenarios without a
     * {@code now:} will run at. Problems are added to {@code problems}; a scenario with a problem is left out of the
     * result.
     */
    public static List<Scenario> parse(String file, String content, Set<String> plays, boolean expectRequired, Instant runsAt,
                                       List<ScenarioProblem> problems) {
        int before = problems.size();
        List<Scenario> scenarios = read(file, content, plays, expectRequired, runsAt, problems);
        // Fields are checked in the order they matter, but an author reads a file top down.
        problems.subList(before, problems.size()).sort(Comparator.comparingInt(ScenarioProblem::line));
        return scenarios;
    }

    private static List<Scenario> read(String file, String content, Set<String> plays, boolean expectRequired, Instant runsAt,
                                       List<ScenarioProblem> problems) {
        YamlNode root;
        try {
            root = YamlNode.parse(content);
        } catch (UnreadableYaml e) {
            problems.add(new ScenarioProblem(file, e.line(), "not valid YAML: " + e.reason()));
            return List.of();
        }
        List<YamlNode> items = root.isMap() ? List.of(root) : root.items();
        if (items.isEmpty()) {
            problems.add(new ScenarioProblem(file, root.line(), "no scenarios: a scenario file is a list of "
                    + "'- scenario: <what it shows>' entries"));
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long[] signalCount = {0};
        for (YamlNode item : items) {
            int before = problems.size();
            Scenario scenario = scenario(file, item, plays, expectRequired, runsAt, problems, signalCount);
            if (signalCount[0] > SignalLines.MAX_FILE_SIGNALS) {
                problems.add(new ScenarioProblem(file, item.line(), "the scenarios up to this one make " + signalCount[0]
                        + " signals together; a file's make at most " + SignalLines.MAX_FILE_SIGNALS + ": split it"));
                return List.of();
            }
            if (scenario != null && scenario.name() != null && !names.add(scenario.name())) {
                problems.add(new ScenarioProblem(file, item.line(), "scenario \"" + scenario.name() + "\" appears twice in this file"));
            }
            if (problems.size() == before) {
                scenarios.add(scenario);
            }
        }
        return scenarios;
    }

    private static Scenario scenario(String file, YamlNode node, Set<String> plays, boolean expectRequired, Instant runsAt,
                                     List<ScenarioProblem> problems, long[] signalCount) {
        if (!node.isMap()) {
            problems.add(new ScenarioProblem(file, node.line(), "a scenario is a map starting with 'scenario: <what it shows>', not "
                    + node.shown()));
            return null;
        }
        YamlNode.Field title = node.fields().get("scenario");
        String where = title != null && title.value().isScalar() && !title.value().text().isBlank() ? "scenario \"" + YamlFields.shown(title.value().text().trim())
                + "\"" : "scenario";
        int before = problems.size();
        YamlFields at = new YamlFields(file, where, node, SCENARIO, problems);
        String name = name(at);
        Instant now = now(at);
        Scenario.GivenAccount account = account(file, at, problems);
        List<Scenario.GivenContact> contacts = list(at, "contacts", (item, i) -> contact(file, item, i, problems));
        List<GivenSignal> signals = list(at, "signals", (item, i) -> SignalLines.read(file, i, item, now, problems));
        signalCount[0] += SignalLines.checkCount(at, signals, now);
        String accountId = account == null ? "scenario-account" : account.id();
        ContactLineChecks.names(file, accountId, contacts, signals, problems);
        Now judged = new Now(now, runsAt);
        if (problems.size() == before) {
            ContactLineChecks.changes(file, accountId, contacts, signals, judged.instant(), problems);
        }
        List<Scenario.GivenMilestone> milestones = list(at, "milestones", (item, i) -> milestone(file, item, i, judged, problems));
        List<Scenario.GivenRun> runs = new ArrayList<>(list(at, "running", (item, i) -> run(file, item, i, true, judged, plays, problems)));
        runs.addAll(list(at, "ended", (item, i) -> run(file, item, i, false, judged, plays, problems)));
        Long previous = at.whole("previousHealth", 0, 100, null, false);
        Expectation expect = null;
        if (at.has("expect")) {
            expect = expectation(file, at.node("expect"), plays, problems);
        } else if (expectRequired) {
            at.fail("expect", "is missing: say which plays should start (plays: [] for none), milestones, stage or healthBand");
        }
        return new Scenario(file, node.line(), name, now, account, contacts, signals, milestones, List.copyOf(runs),
                previous == null ? null : previous.intValue(), expect);
    }

    /** What the scenario shows: a name on one line, as short as an account's, since every failure repeats it. */
    private static String name(YamlFields f) {
        String name = f.requiredText("scenario");
        String problem = RecordBounds.nameProblem(name);
        if (problem != null) {
            f.fail("scenario", problem);
            return null;
        }
        return name;
    }

    /** When the rules run: a moment the intake would take a signal at. */
    private static Instant now(YamlFields f) {
        String text = f.text("now");
        if (text == null) {
            return null;
        }
        Instant now;
        try {
            now = Moment.instant(text);
        } catch (DateTimeException e) {
            f.fail("now", "'" + YamlFields.shown(text) + "' is not a date or an instant; write 2026-03-02 or 2026-03-02T10:00:00Z");
            return null;
        }
        String problem = RecordBounds.instantProblem(text, now);
        if (problem != null) {
            f.fail("now", problem);
            return null;
        }
        return now;
    }

    private static Scenario.GivenAccount account(String file, YamlFields scenario, List<ScenarioProblem> problems) {
        YamlNode node = scenario.node("account");
        if (node == null || !node.isMap()) {
            scenario.fail("account", node == null ? "is missing: give at least { segment: HIGH_TOUCH, stage: VALUE }"
                    : "is " + node.shown() + "; write { segment: HIGH_TOUCH, stage: VALUE, ... }");
            return null;
        }
        YamlFields f = new YamlFields(file, "account", node, ACCOUNT, problems);
        String timezone = f.zone("timezone", Account.class);
        String givenId = f.text("id", Account.class, "id");
        String id = givenId == null ? "scenario-account" : givenId;
        String name = f.text("name", Account.class, "name");
        String csm = f.text("csm", Account.class, "csm");
        return new Scenario.GivenAccount(id, name == null ? "Scenario account" : name,
                f.enumValue("segment", Segment.class, null, true), f.enumValue("stage", Stage.class, null, true),
                csm == null ? "csm@" + id + ".test" : csm, f.amount("arr"), f.text("plan", Account.class, "plan"),
                f.day("startedOn"), f.day("renewalOn"), timezone);
    }

    private static Scenario.GivenContact contact(String file, YamlNode node, int index, List<ScenarioProblem> problems) {
        if (!node.isMap()) {
            problems.add(new ScenarioProblem(file, node.line(), "contact " + index + ": write { role: CHAMPION, ... }"));
            return null;
        }
        YamlFields f = new YamlFields(file, "contact " + index, node, CONTACT, problems);
        return new Scenario.GivenContact(f.text("email", Contact.class, "email"), f.text("name", Contact.class, "name"),
                f.enumValue("role", ContactRole.class, null, true), f.zone("timezone", Contact.class), f.bool("active", true),
                f.bool("unsubscribed", false));
    }

    private static Scenario.GivenMilestone milestone(String file, YamlNode node, int index, Now now,
                                                     List<ScenarioProblem> problems) {
        YamlNode map = node.isScalar() ? new YamlNode(node.line(), Map.of("type",
                new YamlNode.Field("type", node.line(), node))) : node;
        YamlFields f = new YamlFields(file, "milestone " + index, map, MILESTONE, problems);
        Moment at = notAfterNow(f, "at", f.moment("at", false), now, "a milestone the scenario gives was reached by then");
        return new Scenario.GivenMilestone(f.enumValue("type", MilestoneType.class, null, true), at == null ? YESTERDAY : at);
    }

    private static Scenario.GivenRun run(String file, YamlNode node, int index, boolean running, Now now, Set<String> plays,
                                         List<ScenarioProblem> problems) {
        String where = (running ? "running play " : "ended play ") + index;
        YamlNode map = node.isScalar() ? new YamlNode(node.line(), Map.of("play",
                new YamlNode.Field("play", node.line(), node))) : node;
        YamlFields f = new YamlFields(file, where, map, RUN, problems);
        String play = f.requiredText("play");
        checkPlay(f, "play", play, plays);
        Moment started = notAfterNow(f, "started", f.moment("started", !running), now, "a play run the scenario gives started by then");
        return new Scenario.GivenRun(play, started == null ? YESTERDAY : started, running);
    }

    /**
     * The now a scenario's times are judged against: its own ({@code given}), or, when it gives none, the current time it
     * runs at ({@code runsAt}).
     */
    private record Now(Instant given, Instant runsAt) {

        Instant instant() {
            return given != null ? given : runsAt;
        }

        /** How a problem names it: a scenario without a now has one all the same, which the author did not write. */
        String shown() {
            return given != null ? "the scenario's now" : "the scenario's now (it gives no now, so it runs at the current time, "
                    + runsAt + ")";
        }
    }

    /**
     * A moment of the account's past (a play run's start, a milestone reached) that is no later than the scenario's now:
     * live, a run or a milestone is stored when it happens, so one ahead of now is no situation the engine meets, and it
     * would hold a play back in a cooldown that has not begun. A relative time is ahead on any day; a date is judged
     * against the now the scenario runs at, its own or the current time.
     */
    private static Moment notAfterNow(YamlFields f, String field, Moment moment, Now now, String why) {
        if (moment == null) {
            return null;
        }
        boolean ahead = moment.absolute() == null ? (!moment.offset().isNegative() && !moment.offset().isZero())
                : moment.absolute().isAfter(now.instant());
        if (ahead) {
            f.fail(field, "'" + YamlFields.shown(f.text(field)) + "' is after " + (moment.absolute() == null ? "the scenario's now"
                    : now.shown()) + "; " + why);
            return null;
        }
        return moment;
    }

    private static Expectation expectation(String file, YamlNode node, Set<String> plays, List<ScenarioProblem> problems) {
        if (!node.isMap()) {
            problems.add(new ScenarioProblem(file, node.line(), "expect: write { plays: [ ... ] } and/or milestones, stage, healthBand"));
            return null;
        }
        YamlFields f = new YamlFields(file, "expect", node, EXPECT, problems);
        Function<String, List<String>> playList = field -> {
            List<String> names = names(f, field);
            if (names != null) {
                names.forEach(p -> checkPlay(f, field, p, plays));
            }
            return names;
        };
        List<String> milestoneNames = names(f, "milestones");
        List<MilestoneType> milestones = milestoneNames == null ? null : milestoneNames.stream()
                .map(m -> enumOf(f, "milestones", m, MilestoneType.class)).toList();
        String band = f.text("healthBand");
        if (band != null && !Expectation.BANDS.contains(band.toUpperCase(Locale.ROOT))) {
            f.fail("healthBand", "'" + YamlFields.shown(band) + "' is not one of " + String.join(", ", Expectation.BANDS));
        }
        Expectation expectation = new Expectation(playList.apply("plays"), playList.apply("playsInclude"),
                playList.apply("playsExclude"), milestones, f.enumValue("stage", Stage.class, null, false),
                band == null ? null : band.toUpperCase(Locale.ROOT));
        if (node.fields().isEmpty()) {
            problems.add(new ScenarioProblem(file, node.line(), "expect: say what to expect: " + String.join(", ", EXPECT)));
        }
        return expectation;
    }

    /** A list of names; a single name is a list of one; an empty value must be written [] to mean none. */
    private static List<String> names(YamlFields f, String field) {
        YamlNode node = f.node(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            f.fail(field, "is empty; write [] to expect none");
            return null;
        }
        if (node.isScalar()) {
            return List.of(node.text().trim());
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (!item.isScalar()) {
                f.fail(field, "holds " + item.shown() + "; list names only");
                return null;
            }
            names.add(item.text().trim());
        }
        return List.copyOf(names);
    }

    private static <E extends Enum<E>> E enumOf(YamlFields f, String field, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace(' ', '_').replace('-', '_'))) {
                return e;
            }
        }
        f.fail(field, "'" + YamlFields.shown(text) + "' is not one of " + YamlFields.names(type));
        return null;
    }

    private static void checkPlay(YamlFields f, String field, String play, Set<String> plays) {
        if (play != null && plays != null && !plays.contains(play)) {
            f.fail(field, "play '" + YamlFields.shown(play) + "' is not in rules/plays/ (plays: " + String.join(", ", new TreeSet<>(plays)) + ")");
        }
    }

    private interface ItemReader<T> {
        T read(YamlNode item, int index);
    }

    private static <T> List<T> list(YamlFields f, String field, ItemReader<T> reader) {
        YamlNode node = f.node(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isList()) {
            f.fail(field, "is " + node.shown() + "; write a list, one '- ' per line or [ a, b ]");
            return List.of();
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.items().size(); i++) {
            T item = reader.read(node.items().get(i), i + 1);
            if (item != null) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }
}
