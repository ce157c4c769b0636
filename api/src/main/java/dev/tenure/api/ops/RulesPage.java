package dev.tenure.api.ops;

import dev.tenure.api.pages.PageNotFoundException;
import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.TableQuery;
import dev.tenure.api.pages.Viewer;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.backtest.AccountDryRun;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.backtest.DryRun;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetChange;
import dev.tenure.engine.rules.RuleSetConflictException;
import dev.tenure.engine.rules.RuleSetNodes;
import dev.tenure.engine.rules.RuleSetReload;
import dev.tenure.engine.rules.RuleSetVersionNotFoundException;
import dev.tenure.engine.rules.RuleSets;
import dev.tenure.engine.rules.ThisNode;
import dev.tenure.engine.scenarios.ScenarioReport;
import dev.tenure.engine.scenarios.ScenarioSuite;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rules from the pages: the set in force and how often each rule fired; which node runs which
 * version; its stored versions, each activated (or rolled back to) with a button; its scenario tests run
 * on demand; a dry run of one account; a file of the set in force edited and uploaded as a new version.
 * A backtest is {@code /ops/backtests}'.
 */
@Page
@RequestMapping("/ops/rules")
class RulesPage {

    private static final int VERSIONS_SHOWN = 20;
    private static final int ACCOUNTS_OFFERED = 500;

    private final ActiveRuleSet active;
    private final RuleSets ruleSets;
    private final RuleSetReload reload;
    private final ScenarioSuite suite;
    private final AccountDryRun dryRun;
    private final CandidateRuleSets candidates;
    private final Accounts accounts;
    private final PersonTimeZones zones;
    private final Clock clock;
    private final RuleSetNodes nodes;
    private final ThisNode thisNode;

    RulesPage(ActiveRuleSet active, RuleSets ruleSets, RuleSetReload reload, ScenarioSuite suite, AccountDryRun dryRun,
              CandidateRuleSets candidates, Accounts accounts, PersonTimeZones zones, Clock clock, RuleSetNodes nodes,
              ThisNode thisNode) {
        this.nodes = nodes;
        this.thisNode = thisNode;
        this.active = active;
        this.ruleSets = ruleSets;
        this.reload = reload;
        this.suite = suite;
        this.dryRun = dryRun;
        this.candidates = candidates;
        this.accounts = accounts;
        this.zones = zones;
        this.clock = clock;
    }

    /** A rule of the set in force: plays it started in this version, and when it last did. */
    record RuleRow(String name, long started, Instant lastStarted) {
    }

    /**
     * A node sharing the database: the version it runs, whether that is the one in force, since when, when
     * last seen, whether it still answers, and why it does not run the version in force if it cannot.
     */
    record NodeRow(String node, boolean thisNode, String version, boolean inForce, Instant since, Instant lastSeen,
                   boolean answering, String problem) {
    }

    private static final Map<String, Comparator<RuleRow>> ORDERS = Map.of(
            "rule", Comparator.comparing(RuleRow::name, String.CASE_INSENSITIVE_ORDER),
            "started", Comparator.comparingLong(RuleRow::started).thenComparing(RuleRow::name),
            "last", Comparator.comparing(RuleRow::lastStarted, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(RuleRow::name));

    @GetMapping
    String rules(HttpServletRequest request, Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        RuleSet ruleSet = active.get();
        Map<String, Long> counts = ruleSets.playsStartedByRule(ruleSet.version());
        Map<String, Instant> last = ruleSets.lastStartByRule(ruleSet.version());
        List<RuleRow> rows = ruleSet.ruleNames().stream()
                .map(name -> new RuleRow(name, counts.getOrDefault(name, 0L), last.get(name))).toList();
        TableQuery query = TableQuery.of(request, List.of("rule", "started", "last"), false);
        // The cluster's version; this node's differs only for the moment it takes to follow a change.
        String inForce = ruleSets.inForce().orElse(ruleSet.version());
        Instant now = clock.instant();
        model.addAttribute("version", inForce);
        model.addAttribute("activation", ruleSets.find(inForce).orElse(null));
        model.addAttribute("nodes", nodes.all().stream()
                .map(n -> new NodeRow(n.nodeId(), n.nodeId().equals(thisNode.id()), n.version(), n.version().equals(inForce),
                        n.since(), n.lastSeen(), nodes.answering(n, now), n.problem()))
                .toList());
        model.addAttribute("rules", query.apply(rows, ORDERS, RuleRow::name));
        // The latest versions, refused ones with their errors: what CS ops must fix, or roll back to.
        model.addAttribute("versions", ruleSets.versions().stream().limit(VERSIONS_SHOWN).toList());
        model.addAttribute("accounts", accounts.list(null, ACCOUNTS_OFFERED, 0));
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/rules";
    }

    /** Rolls back (or forward) to a stored version: compiled and vetted again, in force only if it passes. */
    @PostMapping("/versions/{version}/activate")
    String activate(HttpServletRequest request, @PathVariable String version, @RequestParam(required = false) String replaces,
                    RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        RuleSetChange change;
        try {
            // The version in force when the page was drawn: a change made since is not undone by a click on a stale page.
            change = reload.rollback(version, replaces, viewer.email());
        } catch (RuleSetVersionNotFoundException e) {
            throw new PageNotFoundException("rule set version " + RecordBounds.shown(version));
        } catch (RuleSetConflictException e) {
            flash.addFlashAttribute("problem", "Rule set " + e.inForce() + " came into force after this page showed " + e.replaces()
                    + "; nothing was changed. Look at the versions below again before putting " + version + " back.");
            return "redirect:/ops/rules";
        }
        switch (change.outcome()) {
            case ACTIVATED -> flash.addFlashAttribute("notice", "Rule set " + change.version() + " is in force (it replaced "
                    + change.previousVersion() + ").");
            case UNCHANGED -> flash.addFlashAttribute("notice", "Rule set " + change.version() + " was already in force.");
            case REJECTED -> flash.addFlashAttribute("problem", "Rule set " + change.version() + " was refused; "
                    + change.previousVersion() + " stays in force: " + change.problems().stream()
                    .map(p -> p.file() + ":" + p.line() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        return "redirect:/ops/rules";
    }

    /**
     * One file of the version in force in a text box (the first file when none is named): what CS ops change to
     * move a threshold or fix a template without a REST client.
     */
    @GetMapping("/edit")
    String edit(HttpServletRequest request, @RequestParam(required = false) String file, Model model) {
        OpsViewer.require(request, model);
        Map<String, String> files = filesInForce();
        String path = file == null || file.isBlank() ? files.keySet().stream().sorted().findFirst().orElse("") : file.strip();
        if (!files.containsKey(path)) {
            throw new PageNotFoundException("rule file " + path);
        }
        return editor(model, files, path, files.get(path), List.of());
    }

    /**
     * The version in force with one file replaced, uploaded as a new version: in force at once if it compiles and
     * its scenario tests pass, as an upload through the API. A refused edit comes back in its text box with the
     * problems at their lines, so nothing typed is lost.
     */
    @PostMapping("/edit")
    String saveEdit(HttpServletRequest request, @RequestParam String file, @RequestParam String text,
                    @RequestParam(required = false) String replaces, Model model, RedirectAttributes flash) {
        Viewer viewer = OpsViewer.require(request, model);
        Map<String, String> files = filesInForce();
        String path = file.strip();
        if (!files.containsKey(path)) {
            throw new PageNotFoundException("rule file " + path);
        }
        // A browser sends CR LF line ends; the stored files (and their diffs) keep LF.
        String normalized = text.replace("\r\n", "\n");
        Map<String, String> edited = new TreeMap<>(files);
        edited.put(path, normalized);
        RuleSetChange change;
        try {
            // The version the file was opened from: a change made since (another person, a tuning, another node) is not undone unseen.
            change = reload.upload(edited, replaces, viewer.email());
        } catch (RuleSetConflictException e) {
            boolean fileChanged = !ruleSets.files(e.replaces()).map(opened -> files.get(path).equals(opened.get(path))).orElse(false);
            model.addAttribute("problem", "Rule set " + e.inForce() + " came into force after you opened " + path + " from "
                    + e.replaces() + (fileChanged ? "; it changed " + path + " too, so compare your text with the file as it is now"
                    : "; it left " + path + " as you found it") + ". Nothing was stored: your text is below, on " + e.inForce()
                    + "; save again to make it a new version.");
            return editor(model, files, path, normalized, List.of());
        }
        switch (change.outcome()) {
            case ACTIVATED -> flash.addFlashAttribute("notice", "Rule set " + change.version() + " with your change to " + path
                    + " is in force (it replaced " + change.previousVersion() + "); every node follows within seconds.");
            case UNCHANGED -> flash.addFlashAttribute("notice", "Nothing changed: " + path + " is as in version "
                    + change.version() + ", which is in force.");
            case REJECTED -> {
                model.addAttribute("problem", "Rule set " + change.version() + " was refused; " + change.previousVersion()
                        + " stays in force. Fix the problems below and save again.");
                return editor(model, files, path, normalized, change.problems());
            }
        }
        return "redirect:/ops/rules";
    }

    private Map<String, String> filesInForce() {
        String inForce = ruleSets.inForce().orElse(active.get().version());
        return ruleSets.files(inForce).orElseThrow(() -> new PageNotFoundException("rule set version " + inForce));
    }

    private String editor(Model model, Map<String, String> files, String path, String text,
                          List<RuleProblem> problems) {
        model.addAttribute("version", ruleSets.inForce().orElse(active.get().version()));
        model.addAttribute("files", files.keySet().stream().sorted().toList());
        model.addAttribute("file", path);
        model.addAttribute("text", text);
        model.addAttribute("problems", problems);
        return "ops/rule-edit";
    }

    /** The rule set's own scenario tests, run now against the rules in force; nothing is stored or sent. */
    @PostMapping("/test")
    String test(HttpServletRequest request, Model model) {
        OpsViewer.require(request, model);
        ScenarioReport report = suite.run(active.get());
        model.addAttribute("report", report);
        model.addAttribute("failedFirst", report.results().stream()
                .sorted(Comparator.comparing((dev.tenure.engine.scenarios.ScenarioResult r) -> r.passed())
                        .thenComparing(r -> r.scenario().file()).thenComparingInt(r -> r.scenario().line()))
                .toList());
        return "ops/rule-tests";
    }

    /** What the rules in force (or a stored version) would do for one account now; nothing is stored or sent. */
    @GetMapping("/dry-run")
    String dryRun(HttpServletRequest request, @RequestParam String account, @RequestParam(required = false) String version,
                  Model model) {
        Viewer viewer = OpsViewer.require(request, model);
        String id = account.strip();
        RuleSet ruleSet;
        try {
            ruleSet = version == null || version.isBlank() ? candidates.active() : candidates.version(version.strip());
        } catch (IllegalArgumentException e) {
            throw new PageNotFoundException("rule set version " + RecordBounds.shown(version));
        }
        DryRun run = dryRun.of(id, ruleSet, clock.instant())
                .orElseThrow(() -> new PageNotFoundException("account " + id));
        model.addAttribute("run", run);
        model.addAttribute("accountName", accounts.find(id).map(a -> a.name()).orElse(id));
        model.addAttribute("times", zones.timesOf(viewer.email()));
        return "ops/dry-run";
    }
}
