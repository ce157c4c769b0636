package dev.tenure.api.ops;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.mail.Emails;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSets;
import dev.tenure.engine.timeline.Timeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What CS ops watch: the rules in force and how often each fired, running plays, refused records (with a
 * replay button), emails written and those the guardrails held back.
 */
@Page
@RequestMapping("/ops")
class OpsPages {

    private static final int SHOWN = 200;

    private final ActiveRuleSet active;
    private final RuleSets ruleSets;
    private final PlayRuns plays;
    private final DeadLetters deadLetters;
    private final Emails emails;
    private final Timeline timeline;
    private final DeadLetterReplay replay;

    OpsPages(ActiveRuleSet active, RuleSets ruleSets, PlayRuns plays, DeadLetters deadLetters, Emails emails,
             Timeline timeline, DeadLetterReplay replay) {
        this.active = active;
        this.ruleSets = ruleSets;
        this.plays = plays;
        this.deadLetters = deadLetters;
        this.emails = emails;
        this.timeline = timeline;
        this.replay = replay;
    }

    @GetMapping("/rules")
    String rules(HttpServletRequest request, Model model) {
        opsViewer(request, model);
        RuleSet ruleSet = active.get();
        Map<String, Long> counts = ruleSets.playsStartedByRule(ruleSet.version());
        Map<String, Instant> last = ruleSets.lastStartByRule(ruleSet.version());
        model.addAttribute("version", ruleSet.version());
        model.addAttribute("activation", ruleSets.find(ruleSet.version()).orElse(null));
        model.addAttribute("rules", ruleSet.ruleNames().stream()
                .map(name -> new RuleRow(name, counts.getOrDefault(name, 0L), last.get(name))).toList());
        // The latest versions, refused ones with their errors: what CS ops must fix.
        model.addAttribute("versions", ruleSets.versions().stream().limit(10).toList());
        return "ops/rules";
    }

    @GetMapping("/plays")
    String plays(HttpServletRequest request, Model model) {
        opsViewer(request, model);
        model.addAttribute("runs", plays.list(null, "RUNNING", SHOWN));
        return "ops/plays";
    }

    @GetMapping("/dead-letters")
    String deadLetters(HttpServletRequest request, Model model) {
        opsViewer(request, model);
        model.addAttribute("letters", deadLetters.latest(null, SHOWN).stream()
                .map(d -> new DeadLetterRow(d, replay.canReplay(d))).toList());
        return "ops/dead-letters";
    }

    /** Sends a refused record through its source's route again; refused again, it is a new dead letter. */
    @PostMapping("/dead-letters/{id}/replay")
    String replay(HttpServletRequest request, @PathVariable long id, RedirectAttributes flash) {
        Viewer.of(request).requireOps();
        try {
            IntakeResult result = replay.replay(id);
            flash.addFlashAttribute("notice", "Dead letter " + id + " replayed: " + result.accepted() + " accepted, "
                    + result.duplicates() + " already there.");
        } catch (RejectedRecordsException e) {
            flash.addFlashAttribute("problem", "Dead letter " + id + " was refused again (now a dead letter of its own): "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/ops/dead-letters";
    }

    @GetMapping("/emails")
    String emails(HttpServletRequest request, Model model) {
        opsViewer(request, model);
        model.addAttribute("emails", emails.list(null, SHOWN));
        model.addAttribute("heldBack", timeline.latestOfTypes(List.of("email.suppressed", "email.deferred"), SHOWN));
        return "ops/emails";
    }

    private static void opsViewer(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps();
        model.addAttribute("viewer", viewer);
    }

    /** A dead letter, and whether it can be replayed from the page. */
    record DeadLetterRow(DeadLetter letter, boolean replayable) {
    }

    /** A rule of the set in force: plays it started in this version, and when it last did. */
    record RuleRow(String name, long started, Instant lastStarted) {
    }
}
