package dev.tenure.api.rules;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetChange;
import dev.tenure.engine.rules.RuleSetConflictException;
import dev.tenure.engine.rules.RuleSetEvent;
import dev.tenure.engine.rules.RuleSetReload;
import dev.tenure.engine.rules.RuleSetVersion;
import dev.tenure.engine.rules.RuleSetVersionNotFoundException;
import dev.tenure.engine.rules.RuleSetNodes;
import dev.tenure.engine.rules.RuleSets;
import dev.tenure.engine.rules.RuleSetOrigin;
import dev.tenure.engine.rules.ThisNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rule set in force (its rules, with how many plays each started, and its plays) and which node runs
 * which version, every stored version, uploading a whole rule set and rolling back to a stored version
 * (CS ops and admins). Who made a change is the signed-in person.
 */
@Tag(name = "Rules", description = "The rule set in force and which node runs which version; stored versions; upload and roll back.")
@RestController
@RequestMapping("/api/rules")
class RuleSetController {

    private final ActiveRuleSet active;
    private final RuleSets ruleSets;
    private final RuleSetReload reload;
    private final Visibility visibility;
    private final RuleSetNodes nodes;
    private final ThisNode thisNode;
    private final Clock clock;

    RuleSetController(ActiveRuleSet active, RuleSets ruleSets, RuleSetReload reload, Visibility visibility,
                      RuleSetNodes nodes, ThisNode thisNode, Clock clock) {
        this.visibility = visibility;
        this.nodes = nodes;
        this.thisNode = thisNode;
        this.clock = clock;
        this.active = active;
        this.ruleSets = ruleSets;
        this.reload = reload;
    }

    @Operation(summary = "The rule set in force, its rules and plays, and the version each node runs")
    @GetMapping
    RuleSetStatus status() {
        RuleSet ruleSet = active.get();
        Map<String, Long> started = ruleSets.playsStartedByRule(ruleSet.version());
        List<RuleStatus> rules = ruleSet.ruleNames().stream()
                .map(name -> new RuleStatus(name, started.getOrDefault(name, 0L))).toList();
        List<RulePlayView> plays = ruleSet.plays().values().stream()
                .sorted(Comparator.comparing(PlayDefinition::id)).map(RulePlayView::of).toList();
        Activation activation = ruleSets.find(ruleSet.version())
                .map(v -> new Activation(v.origin().label(), v.who(), v.activatedAt())).orElse(null);
        String inForce = ruleSets.inForce().orElse(ruleSet.version());
        Instant now = clock.instant();
        List<NodeStatus> cluster = nodes.all().stream()
                .map(n -> new NodeStatus(n.nodeId(), n.nodeId().equals(thisNode.id()), n.version(), n.version().equals(inForce),
                        n.since(), n.startedAt(), n.lastSeen(), nodes.answering(n, now), n.problem()))
                .toList();
        return new RuleSetStatus(ruleSet.version(), inForce, activation, rules, plays, cluster);
    }

    /** Every stored version, the most recently stored or activated first. */
    @Operation(summary = "List the stored rule set versions, the latest stored or activated first")
    @GetMapping("/versions")
    ApiPage<VersionView> versions(@ParameterObject PageQuery paging) {
        return ApiPage.slice(ruleSets.versions(), paging).map(VersionView::of);
    }

    @Operation(summary = "Read one stored version with its files and every attempt to put it in force")
    @GetMapping("/versions/{version}")
    VersionDetail version(@PathVariable String version) {
        RuleSetVersion found = ruleSets.find(version).orElseThrow(() -> new NotFoundException("rule set version " + version));
        VersionView v = VersionView.of(found);
        return new VersionDetail(v.version(), v.status(), v.origin(), v.who(), v.storedAt(), v.activatedAt(), v.rules(), v.errors(),
                ruleSets.files(version).orElseThrow(), ruleSets.history(version).stream().map(EventView::of).toList());
    }

    /**
     * A whole rule set, as paths under the rules folder and their texts; in force at once if it passes
     * (201), or already the one in force (200); refused with its errors otherwise (422).
     */
    @Operation(summary = "Upload a whole rule set; in force on every node if it compiles and its scenario tests pass")
    @PostMapping("/versions")
    ResponseEntity<Changed> upload(@RequestBody Upload upload) {
        RuleSetChange change = reload.upload(upload.files(), upload.replaces(), visibility.actor());
        if (change.rejected()) {
            throw rejected(change);
        }
        if (change.outcome() == RuleSetChange.Outcome.UNCHANGED) {
            return ResponseEntity.ok(changed(change));
        }
        return ResponseEntity.created(URI.create("/api/rules/versions/" + change.version())).body(changed(change));
    }

    /**
     * Rollback (or forward): compiles and vets the stored files of that version again and swaps it in. With
     * {@code replaces}, only while that version is in force (409 otherwise), as an upload.
     */
    @Operation(summary = "Put a stored version in force again (roll back or forward), checked anew")
    @PostMapping("/versions/{version}/activate")
    Changed activate(@PathVariable String version, @RequestParam(required = false) String replaces) {
        RuleSetChange change = reload.rollback(version, replaces, visibility.actor());
        if (change.rejected()) {
            throw rejected(change);
        }
        return changed(change);
    }

    /** An upload or rollback asked of a version no longer in force: 409, naming the version in force, which the client builds on anew. */
    @ExceptionHandler(RuleSetConflictException.class)
    ProblemDetail replacedMeanwhile(RuleSetConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("The rule set changed since this change was made; nothing was changed");
        problem.setProperty("replaces", e.replaces());
        problem.setProperty("activeVersion", e.inForce());
        return problem;
    }

    @ExceptionHandler(RuleSetVersionNotFoundException.class)
    ProblemDetail unknownVersion(RuleSetVersionNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private Changed changed(RuleSetChange change) {
        VersionView v = VersionView.of(ruleSets.find(change.version()).orElseThrow());
        return new Changed(change.outcome(), change.previousVersion(), v.version(), v.status(), v.origin(), v.who(), v.storedAt(),
                v.activatedAt(), v.rules(), v.errors());
    }

    private static ErrorResponseException rejected(RuleSetChange change) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "Rule set " + change.version() + " has " + RuleProblem.count(change.problems()) + " problem(s); rule set "
                        + change.previousVersion() + " stays active");
        problem.setTitle("Rule set rejected; the running rules are unchanged");
        problem.setProperty("version", change.version());
        problem.setProperty("activeVersion", change.previousVersion());
        problem.setProperty("errors", change.problems().stream().map(ProblemView::of).toList());
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, null);
    }

    /**
     * A whole rule set; {@code replaces}, when given, is the version it was made from, and the upload is refused
     * (409) if another is in force by then, as it would undo that change.
     */
    record Upload(Map<String, String> files, String replaces) {
    }

    /**
     * The rule set this node runs ({@code version}, with its rules and plays), the version in force for every
     * node ({@code inForce}; the two differ only for the seconds a node takes to follow a change), and the nodes.
     */
    record RuleSetStatus(String version, String inForce, Activation activation, List<RuleStatus> rules,
                         List<RulePlayView> plays, List<NodeStatus> nodes) {
    }

    /** A play of the rule set: what it is for and its steps (the whole definition is its file, {@code plays/<id>.yml}). */
    record RulePlayView(String id, String name, String goal, String cooldown, String audience, List<RulePlayStepView> steps) {
        static RulePlayView of(PlayDefinition play) {
            return new RulePlayView(play.id(), play.name(), play.goal(), play.cooldown() == null ? null : play.cooldown().toString(),
                    play.audience().name(), play.steps().stream()
                    .map(s -> new RulePlayStepView(s.type().name(), s.delay() == null ? null : s.delay().toString(), s.owner(), s.title(),
                            s.template()))
                    .toList());
        }
    }

    /** A step of a play: a task or an email, how long after the start, for whom, its title or template. */
    record RulePlayStepView(String type, String delay, String owner, String title, String template) {
    }

    /** A mistake in a rule set at its place: {@code churn/thresholds.csv:12:3}. */
    record ProblemView(String file, int line, int column, String message) {
        static ProblemView of(RuleProblem p) {
            return new ProblemView(p.file(), p.line(), p.column(), p.message());
        }
    }

    /**
     * A stored version: {@code status} ACTIVE (in force), RETIRED or REJECTED; where it came from ({@code folder},
     * {@code upload}, {@code rollback}) and who; the names of its rules; what refused it.
     */
    record VersionView(String version, String status, String origin, String who, Instant storedAt, Instant activatedAt,
                       List<String> rules, List<ProblemView> errors) {
        static VersionView of(RuleSetVersion v) {
            return new VersionView(v.version(), v.status().name(), label(v.origin()), v.who(), v.storedAt(), v.activatedAt(),
                    List.copyOf(v.rules()), v.errors().stream().map(ProblemView::of).toList());
        }
    }

    /** One attempt to put a version in force: when, by whom, from where, and what became of it. */
    record EventView(Instant at, String outcome, String origin, String who, List<ProblemView> errors) {
        static EventView of(RuleSetEvent e) {
            return new EventView(e.at(), e.outcome().name(), label(e.origin()), e.who(), e.errors().stream().map(ProblemView::of).toList());
        }
    }

    /**
     * A node sharing the database: the version it runs (and whether that is the version in force), since when,
     * when it started and was last seen, whether it still answers (seen within three polls), and why it does not
     * run the version in force when it cannot (null otherwise). {@code thisNode} marks the node that answered.
     */
    record NodeStatus(String node, boolean thisNode, String version, boolean runsVersionInForce, Instant since,
                      Instant startedAt, Instant lastSeen, boolean answering, String problem) {
    }

    /** How the rule set in force came in: from the folder, an upload or a rollback; by whom; when. */
    record Activation(String origin, String who, Instant activatedAt) {
    }

    record RuleStatus(String name, long playsStarted) {
    }

    /** A stored version with its files and every attempt to make it active. */
    record VersionDetail(String version, String status, String origin, String who, Instant storedAt, Instant activatedAt,
                         List<String> rules, List<ProblemView> errors, Map<String, String> files, List<EventView> history) {
    }

    /** What an upload or activation did ({@code ACTIVATED} or {@code UNCHANGED}), and the version as now stored. */
    record Changed(RuleSetChange.Outcome outcome, String previousVersion, String version, String status, String origin,
                   String who, Instant storedAt, Instant activatedAt, List<String> rules, List<ProblemView> errors) {
    }

    private static String label(RuleSetOrigin origin) {
        return origin == null ? null : origin.label();
    }
}
