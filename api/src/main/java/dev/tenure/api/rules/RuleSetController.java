package dev.tenure.api.rules;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.people.Visibility;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetChange;
import dev.tenure.engine.rules.RuleSetEvent;
import dev.tenure.engine.rules.RuleSetReload;
import dev.tenure.engine.rules.RuleSetVersion;
import dev.tenure.engine.rules.RuleSetVersionNotFoundException;
import dev.tenure.engine.rules.RuleSetNodes;
import dev.tenure.engine.rules.RuleSets;
import dev.tenure.engine.rules.ThisNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @GetMapping
    RuleSetStatus status() {
        RuleSet ruleSet = active.get();
        Map<String, Long> started = ruleSets.playsStartedByRule(ruleSet.version());
        List<RuleStatus> rules = ruleSet.ruleNames().stream()
                .map(name -> new RuleStatus(name, started.getOrDefault(name, 0L))).toList();
        List<PlayDefinition> plays = ruleSet.plays().values().stream()
                .sorted(Comparator.comparing(PlayDefinition::id)).toList();
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
    @GetMapping("/versions")
    List<RuleSetVersion> versions() {
        return ruleSets.versions();
    }

    @GetMapping("/versions/{version}")
    VersionDetail version(@PathVariable String version) {
        RuleSetVersion found = ruleSets.find(version).orElseThrow(() -> new NotFoundException("rule set version " + version));
        return new VersionDetail(found, ruleSets.files(version).orElseThrow(), ruleSets.history(version));
    }

    /**
     * A whole rule set, as paths under the rules folder and their texts; in force at once if it passes
     * (201), or already the one in force (200); refused with its errors otherwise (422).
     */
    @PostMapping("/versions")
    ResponseEntity<?> upload(@RequestBody Upload upload) {
        RuleSetChange change = reload.upload(upload.files(), visibility.actor());
        if (change.rejected()) {
            return rejected(change);
        }
        if (change.outcome() == RuleSetChange.Outcome.UNCHANGED) {
            return ResponseEntity.ok(changed(change));
        }
        return ResponseEntity.created(URI.create("/api/rules/versions/" + change.version())).body(changed(change));
    }

    /** Rollback (or forward): compiles and vets the stored files of that version again and swaps it in. */
    @PostMapping("/versions/{version}/activate")
    ResponseEntity<?> activate(@PathVariable String version) {
        RuleSetChange change = reload.rollback(version, visibility.actor());
        return change.rejected() ? rejected(change) : ResponseEntity.ok(changed(change));
    }

    @ExceptionHandler(RuleSetVersionNotFoundException.class)
    ProblemDetail unknownVersion(RuleSetVersionNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private Changed changed(RuleSetChange change) {
        return new Changed(change.outcome(), change.previousVersion(),
                ruleSets.find(change.version()).orElseThrow());
    }

    private static ResponseEntity<ProblemDetail> rejected(RuleSetChange change) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "Rule set " + change.version() + " has " + change.problems().size() + " problem(s); rule set "
                        + change.previousVersion() + " stays active");
        problem.setTitle("Rule set rejected; the running rules are unchanged");
        problem.setProperty("version", change.version());
        problem.setProperty("activeVersion", change.previousVersion());
        problem.setProperty("errors", change.problems());
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    record Upload(Map<String, String> files) {
    }

    /**
     * The rule set this node runs ({@code version}, with its rules and plays), the version in force for every
     * node ({@code inForce}; the two differ only for the seconds a node takes to follow a change), and the nodes.
     */
    record RuleSetStatus(String version, String inForce, Activation activation, List<RuleStatus> rules,
                         List<PlayDefinition> plays, List<NodeStatus> nodes) {
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
    record VersionDetail(@JsonUnwrapped RuleSetVersion stored, Map<String, String> files, List<RuleSetEvent> history) {
    }

    /** What an upload or activation did ({@code ACTIVATED} or {@code UNCHANGED}), and the version as now stored. */
    record Changed(RuleSetChange.Outcome outcome, String previousVersion, @JsonUnwrapped RuleSetVersion stored) {
    }
}
